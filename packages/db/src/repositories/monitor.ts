import {
  type DeploymentKind,
  type DeploymentStatus,
  deploymentStatusMachine,
  type ErrorClass,
  INFLIGHT_DEPLOYMENT_STATUSES,
  type InflightDeploymentPhase,
  type InstanceStatus,
  type LogStream,
} from '@roundhouse/core';
import { sql, type Transaction } from 'kysely';
import type { DbOrTrx } from '../client';
import type { Database } from '../schema/database';
import { lockDeployment, lockInstance, moveLockedInstance } from './worker-instances';
import type { Deployment, Instance, InstanceUpdate } from '../schema/instances';

/**
 * What the worker's deployment monitor and reaper read and write: in-flight deployments with the
 * instance facts they need, incremental logs, phase progress, and final verdicts. Every write
 * locks the deployment row and checks it is still in flight, so the monitor, the reaper and a
 * lifecycle job (cancel) never overwrite each other's verdict.
 */

/** An in-flight deployment joined with what the monitor needs of its instance. */
export interface MonitoredDeployment {
  id: string;
  instanceId: string;
  kind: DeploymentKind;
  status: DeploymentStatus;
  progress: number;
  requestedBy: string | null;
  railwayDeploymentId: string | null;
  railwayServiceId: string | null;
  queuedAt: Date;
  buildingAt: Date | null;
  deployingAt: Date | null;
  healthCheckAt: Date | null;
  heartbeatAt: Date | null;
  buildLogsUntil: Date | null;
  deployLogsUntil: Date | null;
  instance: {
    status: InstanceStatus;
    userId: string;
    subscriptionId: string;
    name: string;
    templateProjectId: string;
    publicUrl: string | null;
    railwayEnvironmentId: string | null;
    currentDeploymentId: string | null;
    lastGoodDeploymentId: string | null;
  };
}

/** In-flight deployments, least recently heard from first (the deployments_inflight_idx). */
export async function listMonitoredDeployments(
  db: DbOrTrx,
  input: { limit: number; olderThan?: Date },
): Promise<MonitoredDeployment[]> {
  const rows = await db
    .selectFrom('deployments as d')
    .innerJoin('instances as i', 'i.id', 'd.instance_id')
    .select([
      'd.id',
      'd.instance_id',
      'd.kind',
      'd.status',
      'd.progress',
      'd.requested_by',
      'd.railway_deployment_id',
      'd.railway_service_id',
      'd.queued_at',
      'd.building_at',
      'd.deploying_at',
      'd.health_check_at',
      'd.heartbeat_at',
      'd.build_logs_until',
      'd.deploy_logs_until',
      'i.status as instance_status',
      'i.user_id',
      'i.subscription_id',
      'i.name',
      'i.template_project_id',
      'i.public_url',
      'i.railway_environment_id',
      'i.current_deployment_id',
      'i.last_good_deployment_id',
    ])
    .where('d.status', 'in', INFLIGHT_DEPLOYMENT_STATUSES)
    .$if(input.olderThan !== undefined, (q) =>
      q.where(sql<boolean>`coalesce(d.heartbeat_at, d.queued_at) < ${input.olderThan}`),
    )
    .orderBy(sql`d.heartbeat_at asc nulls first`)
    .orderBy('d.id')
    .limit(input.limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    instanceId: row.instance_id,
    kind: row.kind,
    status: row.status,
    progress: row.progress,
    requestedBy: row.requested_by,
    railwayDeploymentId: row.railway_deployment_id,
    railwayServiceId: row.railway_service_id,
    queuedAt: row.queued_at,
    buildingAt: row.building_at,
    deployingAt: row.deploying_at,
    healthCheckAt: row.health_check_at,
    heartbeatAt: row.heartbeat_at,
    buildLogsUntil: row.build_logs_until,
    deployLogsUntil: row.deploy_logs_until,
    instance: {
      status: row.instance_status,
      userId: row.user_id,
      subscriptionId: row.subscription_id,
      name: row.name,
      templateProjectId: row.template_project_id,
      publicUrl: row.public_url,
      railwayEnvironmentId: row.railway_environment_id,
      currentDeploymentId: row.current_deployment_id,
      lastGoodDeploymentId: row.last_good_deployment_id,
    },
  }));
}

/**
 * Median duration of each in-flight phase over the last `sample` SUCCEEDED deployments (a phase
 * is left out until some deployment measured it), for the progress estimate.
 */
export async function medianPhaseDurations(
  db: DbOrTrx,
  input: { sample: number },
): Promise<Partial<Record<InflightDeploymentPhase, number>>> {
  const median = (from: string, to: string) =>
    sql<number | null>`(percentile_cont(0.5) within group (order by
      extract(epoch from (${sql.ref(to)} - ${sql.ref(from)})) * 1000)
      filter (where ${sql.ref(from)} is not null and ${sql.ref(to)} is not null))::float8`;
  const row = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('deployments')
        .select(['queued_at', 'building_at', 'deploying_at', 'health_check_at', 'finished_at'])
        .where('status', '=', 'SUCCEEDED')
        .orderBy('finished_at', 'desc')
        .limit(input.sample)
        .as('d'),
    )
    .select([
      median('queued_at', 'building_at').as('QUEUED'),
      median('building_at', 'deploying_at').as('BUILDING'),
      median('deploying_at', 'health_check_at').as('DEPLOYING'),
      median('health_check_at', 'finished_at').as('HEALTH_CHECK'),
    ])
    .executeTakeFirstOrThrow();
  const medians: Partial<Record<InflightDeploymentPhase, number>> = {};
  for (const phase of ['QUEUED', 'BUILDING', 'DEPLOYING', 'HEALTH_CHECK'] as const) {
    const ms = row[phase];
    // A phase measured as 0 ms (skipped) says nothing about how long it takes when it runs.
    if (ms !== null && ms > 0) medians[phase] = ms;
  }
  return medians;
}

/** Locks an in-flight deployment; undefined when it is gone or already has a verdict. */
export async function lockInflightDeployment(
  trx: Transaction<Database>,
  deploymentId: string,
): Promise<Deployment | undefined> {
  const deployment = await lockDeployment(trx, deploymentId);
  return deployment && isInflight(deployment.status) ? deployment : undefined;
}

export interface FetchedLogLine {
  ts: Date;
  severity: string;
  /** Already redacted. */
  message: string;
}

const CURSOR_COLUMN = { build: 'build_logs_until', deploy: 'deploy_logs_until' } as const;

/**
 * Appends lines fetched from Railway since the stream's cursor (inclusive, as Railway's startDate
 * is): lines stamped exactly at the cursor that are already stored are skipped, so a line is
 * stored once however often its millisecond is asked for again. Lines get the next `seq`s; the
 * cursor moves to the last line. The deployment row must be locked by the caller. Returns how
 * many lines were stored.
 */
export async function appendDeploymentLogs(
  trx: Transaction<Database>,
  input: {
    deployment: Deployment;
    stream: Exclude<LogStream, 'system'>;
    lines: readonly FetchedLogLine[];
  },
): Promise<number> {
  const { deployment, stream } = input;
  const cursor = deployment[CURSOR_COLUMN[stream]];
  let fresh = [...input.lines].sort((a, b) => a.ts.getTime() - b.ts.getTime());
  if (cursor !== null) {
    const { count } = await trx
      .selectFrom('deployment_logs')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('deployment_id', '=', deployment.id)
      .where('stream', '=', stream)
      .where('ts', '=', cursor)
      .executeTakeFirstOrThrow();
    const atCursor = fresh.filter((line) => line.ts.getTime() === cursor.getTime());
    const later = fresh.filter((line) => line.ts.getTime() > cursor.getTime());
    fresh = [...atCursor.slice(Number(count)), ...later];
  }
  const last = fresh.at(-1);
  if (!last) return 0;
  return insertLines(trx, deployment, fresh, stream, { [CURSOR_COLUMN[stream]]: last.ts });
}

/** A line of our own (health check results, verdicts) in the deployment's log. */
export async function appendSystemLog(
  trx: Transaction<Database>,
  input: { deployment: Deployment; line: FetchedLogLine },
): Promise<void> {
  await insertLines(trx, input.deployment, [input.line], 'system', {});
}

async function insertLines(
  trx: Transaction<Database>,
  deployment: Deployment,
  lines: readonly FetchedLogLine[],
  stream: LogStream,
  cursor: Partial<Record<'build_logs_until' | 'deploy_logs_until', Date>>,
): Promise<number> {
  // Read the offset under the row lock: the caller's `deployment` may predate earlier appends.
  const { next_log_offset: offset } = await trx
    .selectFrom('deployments')
    .select('next_log_offset')
    .where('id', '=', deployment.id)
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('deployment_logs')
    .values(
      lines.map((line, index) => ({
        deployment_id: deployment.id,
        seq: offset + index,
        ts: line.ts,
        stream,
        severity: line.severity,
        message: line.message,
      })),
    )
    .execute();
  await trx
    .updateTable('deployments')
    .set({ ...cursor, next_log_offset: offset + lines.length })
    .where('id', '=', deployment.id)
    .execute();
  return lines.length;
}

/** The deployment's last `count` stored lines, oldest first (for a failure message). */
export async function lastLogLines(
  db: DbOrTrx,
  input: { deploymentId: string; count: number },
): Promise<string[]> {
  const rows = await db
    .selectFrom('deployment_logs')
    .select('message')
    .where('deployment_id', '=', input.deploymentId)
    .where('stream', '<>', 'system')
    .orderBy('seq', 'desc')
    .limit(input.count)
    .execute();
  return rows.map((row) => row.message).reverse();
}

const PHASE_COLUMN = {
  BUILDING: 'building_at',
  DEPLOYING: 'deploying_at',
  HEALTH_CHECK: 'health_check_at',
} as const;

/**
 * Moves an in-flight deployment forward: to `status` (a later phase; stamping the phase's
 * timestamp) and/or to a higher `progress`; `heartbeat` when something really happened. The row
 * must be locked; never moves backwards.
 */
export async function advanceDeployment(
  trx: Transaction<Database>,
  input: {
    deployment: Deployment;
    status: Extract<DeploymentStatus, 'QUEUED' | 'BUILDING' | 'DEPLOYING' | 'HEALTH_CHECK'>;
    progress: number;
    heartbeat: boolean;
    now: Date;
  },
): Promise<Deployment> {
  const { deployment, status, now } = input;
  if (status !== deployment.status)
    deploymentStatusMachine.assertTransition(deployment.status, status);
  const stamp =
    status !== deployment.status && status !== 'QUEUED' && deployment[PHASE_COLUMN[status]] === null
      ? { [PHASE_COLUMN[status]]: now }
      : {};
  return trx
    .updateTable('deployments')
    .set({
      status,
      ...stamp,
      progress: Math.max(deployment.progress, Math.min(99, input.progress)),
      ...(input.heartbeat && { heartbeat_at: now }),
    })
    .where('id', '=', deployment.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type DeploymentVerdict = Extract<
  DeploymentStatus,
  'SUCCEEDED' | 'FAILED' | 'CRASHED' | 'CANCELED' | 'TIMED_OUT'
>;

/**
 * Gives a locked in-flight deployment its final status through the state machine: SUCCEEDED
 * shows 100 %, failures keep the progress they reached.
 */
export async function concludeDeployment(
  trx: Transaction<Database>,
  input: {
    deployment: Deployment;
    status: DeploymentVerdict;
    now: Date;
    errorClass?: ErrorClass;
    errorMessage?: string;
  },
): Promise<Deployment> {
  const { deployment, status, now } = input;
  deploymentStatusMachine.assertTransition(deployment.status, status);
  return trx
    .updateTable('deployments')
    .set({
      status,
      finished_at: now,
      heartbeat_at: now,
      ...(status === 'SUCCEEDED'
        ? { progress: 100 }
        : { error_class: input.errorClass ?? null, error_message: input.errorMessage ?? null }),
    })
    .where('id', '=', deployment.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Moves the instance after a verdict on its deployment, only while the instance is DEPLOYING that
 * very deployment (a user who deleted or suspended it meanwhile, or a newer deployment, wins).
 * Undefined when it did not apply.
 */
export async function settleInstance(
  trx: Transaction<Database>,
  input: { instanceId: string; deploymentId: string; to: InstanceStatus; extra?: InstanceUpdate },
): Promise<Instance | undefined> {
  const current = await lockInstance(trx, input.instanceId);
  if (current?.status !== 'DEPLOYING' || current.current_deployment_id !== input.deploymentId) {
    return undefined;
  }
  return moveLockedInstance(trx, current, input.to, input.extra);
}

function isInflight(status: DeploymentStatus): boolean {
  return (INFLIGHT_DEPLOYMENT_STATUSES as readonly DeploymentStatus[]).includes(status);
}
