/** Shapes the client returns, derived from the documents so they cannot drift from the schema. */
import type { ResultOf, VariablesOf } from '../graphql';
import type {
  DeploymentFields,
  EnvironmentFields,
  LogFields,
  ServiceDomainFields,
  ServiceFields,
} from './documents/fragments';
import type { UpdateServiceInstance } from './documents/services';

export type Deployment = ResultOf<typeof DeploymentFields>;
export type DeploymentStatus = Deployment['status'];
export type Environment = ResultOf<typeof EnvironmentFields>;
export type Service = ResultOf<typeof ServiceFields>;
export type ServiceDomain = ResultOf<typeof ServiceDomainFields>;
export type LogLine = ResultOf<typeof LogFields>;
export type ServiceInstanceConfig = VariablesOf<typeof UpdateServiceInstance>['input'];
export type LogKind = 'build' | 'deploy';
export type Variables = Record<string, string>;

export interface ProjectWithEnvironments {
  id: string;
  name: string;
  workspaceId: string | null;
  createdAt: string;
  environments: Environment[];
}

export interface ServiceSource {
  image?: string | null;
  repo?: string | null;
}

export interface TemplateService {
  id: string;
  name: string;
  source: ServiceSource | null;
  /** Unrendered: reference variables such as `${{chart.RAILWAY_PUBLIC_DOMAIN}}` stay as written. */
  variables: Variables;
  /** Settings to apply to a clone with `updateServiceInstance`. */
  config: ServiceInstanceConfig;
  domains: ServiceDomain[];
}

export interface RailwayTemplate {
  projectId: string;
  projectName: string;
  workspaceId: string | null;
  environment: Environment;
  services: TemplateService[];
  /** Variables shared by every service of the environment (unrendered). */
  sharedVariables: Variables;
}

export interface LogRequest {
  deploymentId: string;
  kind: LogKind;
  /** Only lines from this time on (Railway's startDate); a line stamped exactly then may repeat. */
  since?: Date | string;
  /** At most this many lines (Railway: ≤ 5000, default 100). */
  limit?: number;
}

export interface LogBatchResult extends LogRequest {
  /** Null when Railway does not know the deployment. */
  logs: LogLine[] | null;
}

export interface DeploymentPollRequest {
  /** Deployments whose status to read. */
  statusIds: readonly string[];
  /** Log streams to read in the same requests. */
  logs?: readonly LogRequest[];
}

export interface DeploymentPoll {
  /** Every requested id; null where Railway does not know it. */
  statuses: Map<string, Deployment | null>;
  /** One per log request, in request order. */
  logs: LogBatchResult[];
}
