import type { Kysely } from 'kysely';
import { createTable, dropTables, execute, oneOf } from './sql-helpers';

// Literal value lists, frozen with this migration (later enum changes get their own migration).
const ERROR_CLASSES = [
  'CONFIGURATION',
  'NETWORK',
  'AUTHENTICATION',
  'RESOURCE',
  'RATE_LIMIT',
  'TIMEOUT',
  'UNKNOWN',
];
const INSTANCE_STATUSES = [
  'PROVISIONING',
  'DEPLOYING',
  'RUNNING',
  'DEGRADED',
  'FAILED',
  'SUSPENDED',
  'DELETING',
  'DELETED',
];
const DEPLOYMENT_STATUSES = [
  'QUEUED',
  'BUILDING',
  'DEPLOYING',
  'HEALTH_CHECK',
  'SUCCEEDED',
  'FAILED',
  'CRASHED',
  'CANCELED',
  'TIMED_OUT',
];
const DEPLOYMENT_KINDS = ['CLONE', 'REDEPLOY', 'RESTART', 'ROLLBACK', 'VARIABLES'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await createTable(
    db,
    'channel_credentials',
    `subscription_id uuid not null references subscriptions (id) on delete cascade,
     channel text not null,
     ciphertext text not null,
     key_version text not null,
     enabled boolean not null default true,
     last4 text,
     fingerprint text,
     validated_at timestamptz,
     unique (subscription_id, channel)`,
  );
  await createTable(
    db,
    'instances',
    `subscription_id uuid not null references subscriptions (id),
     user_id text not null references "user" (id),
     template_project_id text not null,
     template_service_id text,
     name text not null unique,
     railway_project_id text,
     railway_environment_id text,
     railway_service_id text,
     railway_services jsonb not null default '{}',
     domain text,
     public_url text,
     status text not null default 'PROVISIONING' ${oneOf('status', INSTANCE_STATUSES)},
     status_reason text,
     checkpoint jsonb not null default '{}',
     last_health jsonb,
     last_health_at timestamptz,
     health_failures integer not null default 0 check (health_failures >= 0),
     error_class text ${oneOf('error_class', ERROR_CLASSES)},
     error_message text,
     provisioned_at timestamptz,
     suspended_at timestamptz,
     deleted_at timestamptz`,
  );
  await createTable(
    db,
    'deployments',
    `instance_id uuid not null references instances (id) on delete cascade,
     railway_deployment_id text unique,
     railway_service_id text,
     kind text not null ${oneOf('kind', DEPLOYMENT_KINDS)},
     status text not null default 'QUEUED' ${oneOf('status', DEPLOYMENT_STATUSES)},
     progress smallint not null default 0 check (progress between 0 and 100),
     queued_at timestamptz not null default now(),
     building_at timestamptz,
     deploying_at timestamptz,
     health_check_at timestamptz,
     finished_at timestamptz,
     heartbeat_at timestamptz,
     error_class text ${oneOf('error_class', ERROR_CLASSES)},
     error_message text,
     requested_by text,
     attempt integer not null default 1 check (attempt >= 1),
     build_logs_until timestamptz,
     deploy_logs_until timestamptz,
     next_log_offset bigint not null default 0 check (next_log_offset >= 0)`,
  );
  await execute(
    db,
    // instances <-> deployments reference each other; this side can only exist now
    `alter table instances
       add column current_deployment_id uuid references deployments (id) on delete set null,
       add column last_good_deployment_id uuid references deployments (id) on delete set null`,
    // append-only and high-volume: bigint identity, no updated_at trigger
    `create table deployment_logs (
       id bigint generated always as identity primary key,
       deployment_id uuid not null references deployments (id) on delete cascade,
       seq bigint not null check (seq >= 0),
       ts timestamptz not null,
       stream text not null ${oneOf('stream', ['build', 'deploy', 'system'])},
       severity text not null default 'info',
       message text not null,
       created_at timestamptz not null default now(),
       unique (deployment_id, seq)
     )`,
    'create index channel_credentials_key_version_idx on channel_credentials (key_version)',
    // one live instance per subscription; DELETED rows stay as history
    `create unique index instances_one_live_per_subscription on instances (subscription_id)
       where status <> 'DELETED'`,
    // a Railway project belongs to one instance (adoption must not hand it to a second one)
    'create unique index instances_railway_project_uidx on instances (railway_project_id)',
    'create index instances_user_created_idx on instances (user_id, created_at desc)',
    'create index instances_status_idx on instances (status)',
    // admin list: keyset pagination over (created_at, id)
    'create index instances_created_id_idx on instances (created_at desc, id desc)',
    // the health cron: running instances checked longest ago first
    'create index instances_status_health_idx on instances (status, last_health_at)',
    // the monitor and the reaper only ever look at in-flight deployments
    `create index deployments_inflight_idx on deployments (heartbeat_at)
       where status in ('QUEUED', 'BUILDING', 'DEPLOYING', 'HEALTH_CHECK')`,
    'create index deployments_instance_created_idx on deployments (instance_id, created_at desc)',
    // deleting a deployment sets these to null: without indexes that scans every instance
    'create index instances_current_deployment_idx on instances (current_deployment_id)',
    'create index instances_last_good_deployment_idx on instances (last_good_deployment_id)',
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execute(
    db,
    'alter table instances drop column current_deployment_id, drop column last_good_deployment_id',
  );
  await dropTables(db, 'deployment_logs', 'deployments', 'instances', 'channel_credentials');
}
