import { randomBytes } from 'node:crypto';
import type { Db } from '@roundhouse/db';
import { grantSubscription, type InstanceTemplate } from '@roundhouse/db/repositories/provisioning';

/** The two accounts every development stack has. */
export const SEED_ACCOUNTS = {
  admin: { email: 'admin@example.com', name: 'Roundhouse Admin' },
  customer: { email: 'demo@example.com', name: 'Demo Customer' },
} as const;

export type SeedRole = keyof typeof SEED_ACCOUNTS;

export interface SeededAccount {
  role: SeedRole;
  email: string;
  /** Only for an account created by this run; nobody knows an older one's password. */
  password: string | null;
  created: boolean;
}

export interface SeedResult {
  accounts: SeededAccount[];
  /** The demo customer's instance, when this run granted its subscription. */
  grantedInstanceId: string | null;
}

export interface SeedOptions {
  db: Db;
  /** The running api: accounts are created through its sign-up, like a person would. */
  apiUrl: string;
  /** The dashboard origin the api trusts. */
  origin: string;
  template: InstanceTemplate;
  generatePassword?: () => string;
}

/**
 * Idempotent: creates the admin and the demo customer when missing (random passwords, returned
 * once), makes sure the admin is an admin, and gives the demo customer a complimentary BASIC
 * subscription (the admin grant path), unless they already have one, so the worker provisions
 * their instance; like any new instance it starts without credentials.
 */
export async function seedDemoData(options: SeedOptions): Promise<SeedResult> {
  const generate = options.generatePassword ?? (() => randomBytes(12).toString('base64url'));
  const accounts: SeededAccount[] = [];
  const ids = {} as Record<SeedRole, string>;
  for (const role of Object.keys(SEED_ACCOUNTS) as SeedRole[]) {
    const { email, name } = SEED_ACCOUNTS[role];
    const existing = await findUserId(options.db, email);
    if (existing) {
      ids[role] = existing;
      accounts.push({ role, email, password: null, created: false });
      continue;
    }
    const password = generate();
    ids[role] = await signUp(options, { email, name, password });
    accounts.push({ role, email, password, created: true });
  }
  await options.db.updateTable('user').set({ role: 'admin' }).where('id', '=', ids.admin).execute();
  return { accounts, grantedInstanceId: await grantDemoSubscription(options, ids.customer) };
}

async function findUserId(db: Db, email: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('user')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirst();
  return row?.id;
}

async function signUp(
  options: SeedOptions,
  account: { email: string; name: string; password: string },
): Promise<string> {
  const res = await fetch(`${options.apiUrl}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: options.origin },
    body: JSON.stringify(account),
  });
  const body = (await res.json().catch(() => null)) as { user?: { id?: string } } | null;
  const id = body?.user?.id;
  if (!res.ok || !id) {
    throw new Error(
      `Signing up ${account.email} failed: HTTP ${res.status} ${JSON.stringify(body)}`,
    );
  }
  return id;
}

async function grantDemoSubscription(options: SeedOptions, userId: string): Promise<string | null> {
  return options.db.transaction().execute(async (trx) => {
    // Locks the user row: two stacks seeding one database grant once.
    await trx.selectFrom('user').select('id').where('id', '=', userId).forUpdate().execute();
    const existing = await trx
      .selectFrom('subscriptions')
      .select('id')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (existing) return null;
    const { instance } = await grantSubscription(trx, {
      userId,
      plan: 'BASIC',
      source: 'COMPLIMENTARY',
      periodEnd: new Date(Date.now() + 365 * 86_400_000),
      template: options.template,
      by: { actorType: 'SYSTEM', actorId: null, ip: null },
    });
    return instance.id;
  });
}
