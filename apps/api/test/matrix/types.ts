import type {
  ChannelCredential,
  Deployment,
  DeploymentLog,
  Instance,
  Invoice,
  Notification,
  Order,
  Subscription,
  User,
  WebhookEndpoint,
} from '@roundhouse/db';
import type { PermissionAction, PermissionResource } from '../../src/auth/permissions';
import type { ApiServices } from '../../src/context';

/**
 * The authorization matrix: one entry per procedure of the app router. Each `<area>.matrix.ts`
 * file exports its entries (any exported array of entries is picked up, e.g.
 * `export const instancesMatrix = defineMatrix([...])`); runner/matrix.test.ts enumerates the
 * router at run time and fails for a procedure without an entry (or an entry without a procedure).
 */

export type { PermissionAction, PermissionResource };
/** The API-key permission a procedure needs, e.g. `['instances', 'write']`. */
export type Permission = readonly [PermissionResource, PermissionAction];

/**
 * Who may call:
 * - `public`: anyone, signed in or not.
 * - `user`: any signed-in user (session, or API key holding `permission`).
 * - `admin`: admin users only (session, or an admin's API key holding `permission`).
 * - `session`: signed in through a browser session only; API keys are refused (apiKeys.*).
 */
export type MatrixAccess = 'public' | 'user' | 'admin' | 'session';

export interface MatrixEntry {
  /** Dotted procedure path as tRPC names it: `instances.redeploy`, `admin.users.ban`. */
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  access: MatrixAccess;
  /** Required for `user` and `admin` entries: the permission an API key needs. */
  permission?: Permission;
  /**
   * The input names customer A's resources (built from `fx.a`): customer B and the admin
   * acting as a customer must get NOT_FOUND, never A's data. Ignored for `admin` entries.
   */
  ownedBy?: 'A';
  /**
   * The input, built from the world the call runs against. Mutations run against a fresh world
   * per allowed caller, so an entry may destroy what it names. Omit for procedures without input.
   */
  input?: (fx: MatrixWorld) => unknown;
}

/** Everything one customer owns in the matrix world. Customers A and B get the same shape. */
export interface MatrixCustomer {
  user: User;
  /** ACTIVE, with the running instance below. */
  subscription: Subscription;
  /** RUNNING, with Railway ids, `current` as current deployment and `previous` as last good. */
  instance: Instance;
  deployments: {
    /** SUCCEEDED, with `logs`. */
    current: Deployment;
    /** An older SUCCEEDED deployment (a rollback target). */
    previous: Deployment;
  };
  /** Log lines of `deployments.current`, seq 0..n-1. */
  logs: DeploymentLog[];
  /** A second ACTIVE subscription whose instance FAILED during provisioning (retry target). */
  failedSubscription: Subscription;
  failedInstance: Instance;
  /** An encrypted TELEGRAM credential of `subscription`. */
  credential: ChannelCredential;
  /** Unread. */
  notification: Notification;
  webhookEndpoint: WebhookEndpoint;
  /** A PAID order of `subscription`. */
  order: Order;
  /** The invoice of `order` (fapiao NOT_REQUESTED). */
  invoice: Invoice;
  /** A real better-auth API key owned by the user (all permissions). */
  apiKey: { id: string; key: string };
}

export interface MatrixWorld {
  /** The services the callers' contexts are built from (same database as the rows). */
  services: ApiServices;
  a: MatrixCustomer;
  b: MatrixCustomer;
  /** A user with role admin; owns nothing. */
  admin: { user: User; apiKey: { id: string; key: string } };
}

/** Identity helper so matrix files get checked against the entry type. */
export function defineMatrix(entries: MatrixEntry[]): MatrixEntry[] {
  return entries;
}
