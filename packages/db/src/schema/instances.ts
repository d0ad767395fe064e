import type {
  DeploymentKind,
  DeploymentStatus,
  ErrorClass,
  InstanceStatus,
  LogStream,
} from '@roundhouse/core';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  CreatedAt,
  DefaultJsonb,
  DefaultTimestamp,
  NullableJsonb,
  Timestamp,
  UpdatedAt,
  UuidId,
} from './columns';

export interface ChannelCredentialsTable {
  id: UuidId;
  subscription_id: string;
  /** Channel type from core's catalog (open set: no CHECK, the catalog grows). */
  channel: string;
  /** `@roundhouse/crypto` envelope; key_version names the key that encrypted it. */
  ciphertext: string;
  key_version: string;
  enabled: Generated<boolean>;
  last4: string | null;
  fingerprint: string | null;
  validated_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface InstancesTable {
  id: UuidId;
  subscription_id: string;
  user_id: string;
  template_project_id: string;
  template_service_id: string | null;
  /** Deterministic Railway project name derived from the id (adoption after lost responses). */
  name: string;
  railway_project_id: string | null;
  railway_environment_id: string | null;
  /** The public service. */
  railway_service_id: string | null;
  /** Every cloned service: template service name -> Railway ids. */
  railway_services: DefaultJsonb;
  domain: string | null;
  public_url: string | null;
  status: Generated<InstanceStatus>;
  status_reason: string | null;
  /** Provisioning saga steps done, with the Railway ids they produced. */
  checkpoint: DefaultJsonb;
  current_deployment_id: string | null;
  last_good_deployment_id: string | null;
  last_health: NullableJsonb;
  last_health_at: Timestamp | null;
  health_failures: Generated<number>;
  error_class: ErrorClass | null;
  error_message: string | null;
  provisioned_at: Timestamp | null;
  suspended_at: Timestamp | null;
  deleted_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface DeploymentsTable {
  id: UuidId;
  instance_id: string;
  railway_deployment_id: string | null;
  railway_service_id: string | null;
  kind: DeploymentKind;
  status: Generated<DeploymentStatus>;
  /** 0..100 */
  progress: Generated<number>;
  queued_at: DefaultTimestamp;
  building_at: Timestamp | null;
  deploying_at: Timestamp | null;
  health_check_at: Timestamp | null;
  finished_at: Timestamp | null;
  heartbeat_at: Timestamp | null;
  error_class: ErrorClass | null;
  error_message: string | null;
  requested_by: string | null;
  attempt: Generated<number>;
  /** Log timestamps fetched so far, per Railway log kind. */
  build_logs_until: Timestamp | null;
  deploy_logs_until: Timestamp | null;
  /** The `seq` the next stored log line gets. */
  next_log_offset: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** Append-only: no updated_at. `seq` is the per-deployment offset clients resume from. */
export interface DeploymentLogsTable {
  id: ColumnType<number, never, never>;
  deployment_id: string;
  seq: number;
  ts: Timestamp;
  stream: LogStream;
  severity: Generated<string>;
  /** Already redacted. */
  message: string;
  created_at: CreatedAt;
}

export type ChannelCredential = Selectable<ChannelCredentialsTable>;
export type NewChannelCredential = Insertable<ChannelCredentialsTable>;
export type ChannelCredentialUpdate = Updateable<ChannelCredentialsTable>;
export type Instance = Selectable<InstancesTable>;
export type NewInstance = Insertable<InstancesTable>;
export type InstanceUpdate = Updateable<InstancesTable>;
export type Deployment = Selectable<DeploymentsTable>;
export type NewDeployment = Insertable<DeploymentsTable>;
export type DeploymentUpdate = Updateable<DeploymentsTable>;
export type DeploymentLog = Selectable<DeploymentLogsTable>;
export type NewDeploymentLog = Insertable<DeploymentLogsTable>;
