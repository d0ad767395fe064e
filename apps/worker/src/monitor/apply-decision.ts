import {
  estimateProgress,
  type InflightDeploymentPhase,
  type SubscriptionStatus,
} from '@roundhouse/core';
import type { Redactor } from '@roundhouse/crypto';
import type { Database, Deployment } from '@roundhouse/db';
import {
  advanceDeployment,
  appendDeploymentLogs,
  type FetchedLogLine,
  lockInflightDeployment,
  type MonitoredDeployment,
} from '@roundhouse/db/repositories/monitor';
import { insertWorkerDeployment } from '@roundhouse/db/repositories/worker-instances';
import type { LogKind, LogLine } from '@roundhouse/railway-sdk';
import type { Transaction } from 'kysely';
import type { WorkerDeps } from '../deps';
import type { ProbeResult } from '../health/probe';
import { AUTO_ROLLBACK_REQUESTER } from './auto-rollback';
import type { Decision, InflightStatus } from './decide';
import { phasePath } from './phase-path';
import { fail, succeed } from './verdicts';

type Trx = Transaction<Database>;

export interface ApplyInput {
  row: MonitoredDeployment;
  decision: Decision;
  logs: Partial<Record<LogKind, LogLine[]>> | undefined;
  /** Null: the secrets are unknown right now, so no line may be stored. */
  redactor: Redactor | null;
  medians: Partial<Record<InflightDeploymentPhase, number>>;
  now: Date;
  probe: ProbeResult | undefined;
  /** A rollback target exists: record a ROLLBACK deployment instead of settling the instance. */
  rollingBack: boolean;
}

export interface ApplyResult {
  concluded: boolean;
  /** The instance reached RUNNING under a subscription in this status: suspension enqueued. */
  suspendedFor?: SubscriptionStatus;
  /** The ROLLBACK deployment recorded, for the caller to start on Railway after the commit. */
  rollback?: MonitoredDeployment;
}

/**
 * Stores one poll's outcome for one deployment in one transaction: new log lines (redacted),
 * the phase it reached with its timestamp, progress and heartbeat, or its verdict. Nothing
 * happens when the row changed since it was read (a cancel or the reaper got there first).
 */
export async function applyDecision(deps: WorkerDeps, input: ApplyInput): Promise<ApplyResult> {
  const result = await inTransaction(deps, input);
  if (result.suspendedFor) {
    deps.logger.info(
      { instanceId: input.row.instanceId, subscriptionStatus: result.suspendedFor },
      'instance reached RUNNING but its subscription no longer pays for it: suspending',
    );
  }
  return result;
}

async function inTransaction(deps: WorkerDeps, input: ApplyInput): Promise<ApplyResult> {
  const { row, decision, now } = input;
  return deps.db.transaction().execute(async (trx) => {
    const locked = await lockInflightDeployment(trx, row.id);
    if (
      !locked ||
      locked.status !== row.status ||
      locked.railway_deployment_id !== row.railwayDeploymentId
    ) {
      return { concluded: false };
    }
    const appended = await storeLogs(trx, locked, input);

    if (decision.action === 'advance') {
      await advance(trx, locked, decision.status, { ...input, appended });
      return { concluded: false };
    }
    const verdict = decision.action === 'succeed' ? 'SUCCEEDED' : decision.failure.status;
    const path = phasePath(locked.status, verdict) ?? [verdict];
    let deployment = locked;
    for (const step of path.slice(0, -1)) {
      deployment = await advanceDeployment(trx, {
        deployment,
        status: step as InflightStatus,
        progress: deployment.progress,
        heartbeat: true,
        now,
      });
    }
    if (decision.action === 'succeed') {
      const lapsed = await succeed(trx, { row, deployment, probe: input.probe ?? null, now });
      return { concluded: true, ...(lapsed && { suspendedFor: lapsed }) };
    }
    await fail(trx, {
      row,
      deployment,
      failure: decision.failure,
      now,
      rollingBack: input.rollingBack,
    });
    if (!input.rollingBack) return { concluded: true };
    const rollback = await insertWorkerDeployment(trx, {
      instanceId: row.instanceId,
      kind: 'ROLLBACK',
      requestedBy: AUTO_ROLLBACK_REQUESTER,
      now,
    });
    return {
      concluded: true,
      rollback: {
        ...row,
        id: rollback.id,
        kind: 'ROLLBACK',
        status: rollback.status,
        progress: rollback.progress,
        requestedBy: AUTO_ROLLBACK_REQUESTER,
        railwayDeploymentId: null,
        queuedAt: rollback.queued_at,
        buildingAt: null,
        deployingAt: null,
        healthCheckAt: null,
        heartbeatAt: rollback.heartbeat_at,
        buildLogsUntil: null,
        deployLogsUntil: null,
        instance: { ...row.instance, currentDeploymentId: rollback.id },
      },
    };
  });
}

/** Moves to the phase reached (through any it skipped) and up the progress bar. */
async function advance(
  trx: Trx,
  locked: Deployment,
  status: InflightStatus,
  input: ApplyInput & { appended: number },
): Promise<void> {
  const { now } = input;
  let deployment = locked;
  for (const step of phasePath(locked.status, status) ?? []) {
    deployment = await advanceDeployment(trx, {
      deployment,
      status: step as InflightStatus,
      progress: deployment.progress,
      heartbeat: true,
      now,
    });
  }
  const progress = estimateProgress({
    status,
    phaseStartedAt: phaseStart(deployment, status),
    now,
    medianPhaseDurationsMs: input.medians,
    previousProgress: deployment.progress,
  });
  if (progress === deployment.progress && input.appended === 0) return;
  await advanceDeployment(trx, {
    deployment,
    status,
    progress,
    heartbeat: input.appended > 0,
    now,
  });
}

function phaseStart(deployment: Deployment, status: InflightStatus): Date | null {
  switch (status) {
    case 'QUEUED':
      return deployment.queued_at;
    case 'BUILDING':
      return deployment.building_at;
    case 'DEPLOYING':
      return deployment.deploying_at;
    case 'HEALTH_CHECK':
      return deployment.health_check_at;
  }
}

/** The poll's lines, redacted, after the stream cursors; returns how many were stored. */
async function storeLogs(trx: Trx, deployment: Deployment, input: ApplyInput): Promise<number> {
  const { logs, redactor } = input;
  if (!logs || !redactor) return 0;
  let stored = 0;
  for (const stream of ['build', 'deploy'] as const) {
    const lines = logs[stream];
    if (!lines || lines.length === 0) continue;
    const fetched: FetchedLogLine[] = lines.flatMap((line) => {
      const ts = new Date(line.timestamp);
      if (Number.isNaN(ts.getTime())) return [];
      const severity = typeof line.severity === 'string' ? line.severity.toLowerCase() : 'info';
      return [{ ts, severity, message: redactor(line.message) }];
    });
    stored += await appendDeploymentLogs(trx, { deployment, stream, lines: fetched });
  }
  return stored;
}
