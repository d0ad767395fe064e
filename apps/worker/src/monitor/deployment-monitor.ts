import { mapRailwayDeploymentStatus } from '@roundhouse/core';
import type { Redactor } from '@roundhouse/crypto';
import type { Db } from '@roundhouse/db';
import {
  listMonitoredDeployments,
  type MonitoredDeployment,
} from '@roundhouse/db/repositories/monitor';
import type { Deployment as RailwayDeployment } from '@roundhouse/railway-sdk';
import type { WorkerDeps } from '../deps';
import { mapBounded } from '../health/bounded';
import { probeInstance, type ProbeResult } from '../health/probe';
import {
  AUTO_ROLLBACK_REQUESTER,
  resumeTargetFor,
  rollbackTargetFor,
  startRollback,
} from './auto-rollback';
import { applyDecision } from './apply-decision';
import { decide, type Observation } from './decide';
import { LogSchedule } from './log-sync';
import { PhaseMedians } from './phase-medians';
import { readRailway } from './railway-reads';
import { DeploymentRedactors } from './redaction';

export interface MonitorOptions {
  /** Most deployments watched per poll (the rest, least recently heard from, wait). */
  maxDeployments: number;
  /** How long the health check may keep failing after Railway reported SUCCESS. */
  healthWindowMs: number;
  /** Health requests in flight at once. */
  probeConcurrency: number;
}

export const DEFAULT_MONITOR_OPTIONS: MonitorOptions = {
  maxDeployments: 1_000,
  healthWindowMs: 60_000,
  probeConcurrency: 20,
};

export interface PollSummary {
  watched: number;
  concluded: number;
}

/**
 * monitor_deployments (DESIGN §3 Monitoring): one batched read of every in-flight deployment's
 * status that also carries the log streams planned for this poll, health checks for those
 * Railway reports as SUCCESS, then one short transaction per deployment to store what changed.
 * Railway cost per poll: ceil(n / batch size) requests, plus a read and a mutation for each
 * automatic rollback (and the statuses once more in a poll where Railway refuses the log
 * streams). One instance lives per process (its caches are per process; a restarted worker
 * rebuilds them).
 */
export class DeploymentMonitor {
  readonly redactors = new DeploymentRedactors();
  private readonly medians = new PhaseMedians();
  private readonly logs = new LogSchedule();
  readonly options: MonitorOptions;

  constructor(options: Partial<MonitorOptions> = {}) {
    this.options = { ...DEFAULT_MONITOR_OPTIONS, ...options };
  }

  async poll(deps: WorkerDeps): Promise<PollSummary> {
    const rows = await listMonitoredDeployments(deps.db, { limit: this.options.maxDeployments });
    await this.resumeRollbacks(deps, rows);
    const tracked = rows.filter((row) => row.railwayDeploymentId !== null);
    if (tracked.length === 0) return { watched: 0, concluded: 0 };

    const now = deps.now();
    const requests = this.logs.plan(tracked, now.getTime());
    const { statuses, logs } = await readRailway(
      deps.railway,
      tracked.map((row) => row.railwayDeploymentId as string),
      requests,
      deps.logger,
    );
    const observations = tracked.flatMap((row) =>
      observe(deps, row, statuses.get(row.railwayDeploymentId as string) ?? null),
    );
    const [probes, medians] = await Promise.all([
      this.probe(deps, observations, statuses),
      this.medians.get(deps.db),
    ]);

    let concluded = 0;
    for (const observation of observations) {
      const { row, observed } = observation;
      const decision = decide(observation, probes.get(row.id), now, this.options.healthWindowMs);
      // Lines asked for count as carried even when Railway refused them: the verdict of a
      // deployment whose logs keep failing must not wait for them forever.
      const carried = requests
        .filter((request) => request.deploymentId === row.railwayDeploymentId)
        .map((request) => request.kind);
      const explained = this.logs.explains(
        row,
        observed === 'GONE' ? 'CANCELED' : observed,
        carried,
        observed !== row.status || decision.action !== 'advance',
      );
      // A verdict waits one poll for the lines that explain it (they go first in the next one).
      if (!explained && decision.action !== 'advance') continue;
      // A removed (superseded, canceled) deployment changed nothing worth rolling back.
      const rollback =
        decision.action === 'fail' && decision.failure.status !== 'CANCELED'
          ? await rollbackTargetFor(deps, row)
          : undefined;
      const fetched = logs.get(row.railwayDeploymentId as string);
      const result = await applyDecision(deps, {
        row,
        decision,
        logs: fetched,
        redactor: fetched ? await this.redactorFor(deps, row) : null,
        medians,
        now,
        rollingBack: rollback !== undefined,
        probe: probes.get(row.id),
      });
      if (result.concluded) {
        concluded++;
        this.forget(row.id);
      }
      if (result.rollback && rollback) {
        await startRollback(deps, {
          rollback: result.rollback,
          target: rollback,
          lookFirst: false,
        });
      }
    }
    return { watched: tracked.length, concluded };
  }

  /** Rollbacks of ours recorded but not started (the worker stopped in between). */
  private async resumeRollbacks(deps: WorkerDeps, rows: readonly MonitoredDeployment[]) {
    const orphans = rows.filter(
      (row) =>
        row.kind === 'ROLLBACK' &&
        row.railwayDeploymentId === null &&
        row.requestedBy === AUTO_ROLLBACK_REQUESTER,
    );
    for (const rollback of orphans) {
      const target = await resumeTargetFor(deps, rollback);
      if (target) await startRollback(deps, { rollback, target, lookFirst: true });
    }
  }

  /** Health checks of the deployments Railway reports as SUCCESS, a bounded number at once. */
  private async probe(
    deps: WorkerDeps,
    observations: readonly Observation[],
    statuses: Map<string, RailwayDeployment | null>,
  ): Promise<Map<string, ProbeResult>> {
    const due = observations.filter(
      ({ row, observed }) => observed === 'HEALTH_CHECK' && row.instance.publicUrl !== null,
    );
    const results = await mapBounded(due, this.options.probeConcurrency, ({ row }) =>
      probeInstance(deps.fetch, {
        baseUrl: row.instance.publicUrl as string,
        path: healthcheckPathOf(statuses.get(row.railwayDeploymentId as string)),
        timeoutMs: deps.config.monitor.healthTimeoutMs,
        smoke: true,
      }),
    );
    return new Map(due.map(({ row }, index) => [row.id, results[index] as ProbeResult]));
  }

  /** Null when the secrets cannot be derived now: then no log line is stored this poll. */
  private async redactorFor(deps: WorkerDeps, row: MonitoredDeployment): Promise<Redactor | null> {
    try {
      return await this.redactors.get(deps, row.id, row.instanceId);
    } catch (error) {
      deps.logger.warn(
        { err: error, deploymentId: row.id },
        'monitor: cannot derive the secrets to redact; logs of this deployment wait',
      );
      return null;
    }
  }

  private forget(deploymentId: string): void {
    this.redactors.forget(deploymentId);
    this.logs.forget(deploymentId);
  }
}

function observe(
  deps: WorkerDeps,
  row: MonitoredDeployment,
  railway: RailwayDeployment | null,
): Observation[] {
  if (railway === null) return [{ row, observed: 'GONE' }];
  try {
    return [{ row, observed: mapRailwayDeploymentStatus(railway.status).status }];
  } catch (error) {
    // A status Railway added after this code was written: keep polling, decide nothing.
    deps.logger.warn({ err: error, deploymentId: row.id }, 'monitor: unknown Railway status');
    return [];
  }
}

/** The template's health path as Railway's deployment manifest has it, if any. */
function healthcheckPathOf(deployment: RailwayDeployment | null | undefined): string | undefined {
  const meta: unknown = deployment?.meta;
  const path = (meta as { serviceManifest?: { deploy?: { healthcheckPath?: unknown } } } | null)
    ?.serviceManifest?.deploy?.healthcheckPath;
  return typeof path === 'string' ? path : undefined;
}

/** One monitor per database (a process has one; each test file has its own). */
const monitors = new WeakMap<Db, DeploymentMonitor>();

export function monitorFor(db: Db): DeploymentMonitor {
  let monitor = monitors.get(db);
  if (!monitor) monitors.set(db, (monitor = new DeploymentMonitor()));
  return monitor;
}
