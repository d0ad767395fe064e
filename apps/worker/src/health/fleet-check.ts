import {
  dueHealthChecks,
  type HealthTarget,
  recordHealthChecks,
  type RecordedHealth,
} from '@roundhouse/db/repositories/health';
import type { WorkerDeps } from '../deps';
import { mapBounded } from './bounded';
import { alertUnhealthy, announceRecovery } from './health-transitions';
import { probeInstance, type ProbeResult } from './probe';

export interface FleetCheckOptions {
  /** Instances per batch (one query, one bounded fan-out of requests, one update). */
  batchSize: number;
  /** Health requests in flight at once. */
  concurrency: number;
  /** An instance checked more recently than this is not due yet. */
  dueAfterMs: number;
  /** Stop starting batches after this long (the next cron run continues, oldest first). */
  budgetMs: number;
}

/**
 * 10,000 instances a minute: 50 requests in flight that mostly answer within tens of ms get
 * through a batch of 500 in about a second; the run keeps taking the longest-unchecked
 * instances until none is due or its time budget (under the one-minute cron period) is spent.
 */
export const DEFAULT_FLEET_CHECK_OPTIONS: FleetCheckOptions = {
  batchSize: 500,
  concurrency: 50,
  dueAfterMs: 45_000,
  budgetMs: 50_000,
};

export interface FleetCheckSummary {
  checked: number;
  failed: number;
  /** Instances moved to DEGRADED or FAILED (and alerted) in this run. */
  alerted: number;
  recovered: number;
}

/**
 * check_instance_health: HTTP checks of RUNNING/DEGRADED instances at their public URLs. Costs
 * no Railway request while instances are healthy; see health-transitions.ts for what a failing
 * or recovered instance leads to. With `instanceIds`, exactly those are checked, once.
 */
export async function checkFleetHealth(
  deps: WorkerDeps,
  input: { instanceIds?: readonly string[] } = {},
  options: Partial<FleetCheckOptions> = {},
): Promise<FleetCheckSummary> {
  const opts = { ...DEFAULT_FLEET_CHECK_OPTIONS, ...options };
  const started = performance.now();
  const summary: FleetCheckSummary = { checked: 0, failed: 0, alerted: 0, recovered: 0 };
  for (;;) {
    const now = deps.now();
    const targets = await dueHealthChecks(deps.db, {
      limit: input.instanceIds ? input.instanceIds.length : opts.batchSize,
      dueBefore: new Date(now.getTime() - opts.dueAfterMs),
      ...(input.instanceIds && { instanceIds: input.instanceIds }),
    });
    if (targets.length === 0) break;
    await checkBatch(deps, targets, opts.concurrency, summary);
    if (input.instanceIds || performance.now() - started > opts.budgetMs) break;
  }
  return summary;
}

async function checkBatch(
  deps: WorkerDeps,
  targets: readonly HealthTarget[],
  concurrency: number,
  summary: FleetCheckSummary,
): Promise<void> {
  const probes = await mapBounded(targets, concurrency, (target) =>
    probeInstance(deps.fetch, {
      baseUrl: target.publicUrl,
      path: healthPathOf(target),
      timeoutMs: deps.config.monitor.healthTimeoutMs,
    }),
  );
  const results = targets.map((target, index) => ({
    target,
    probe: probes[index] as ProbeResult,
  }));
  const toRecord = (list: typeof results) =>
    list.map(({ target, probe }) => ({ instanceId: target.id, health: { ...probe } }));
  const passed = results.filter(({ probe }) => probe.ok);
  const failed = results.filter(({ probe }) => !probe.ok);
  const recorded = new Map(
    (
      await recordHealthChecks(deps.db, {
        passed: toRecord(passed),
        failed: toRecord(failed),
        now: deps.now(),
      })
    ).map((row): [string, RecordedHealth] => [row.id, row]),
  );
  summary.checked += targets.length;
  summary.failed += failed.length;

  const threshold = deps.config.monitor.alertThreshold;
  const crossing = failed.filter(({ target }) => {
    const row = recorded.get(target.id);
    return row?.status === 'RUNNING' && row.healthFailures >= threshold;
  });
  summary.alerted += await alertUnhealthy(deps, crossing);
  const recovering = passed.filter(({ target }) => recorded.get(target.id)?.status === 'DEGRADED');
  summary.recovered += await announceRecovery(deps, recovering);
}

/** The path the deployment monitor found healthy (the template's healthcheckPath), if stored. */
function healthPathOf(target: HealthTarget): string | undefined {
  const path = target.lastHealth?.path;
  return typeof path === 'string' ? path : undefined;
}
