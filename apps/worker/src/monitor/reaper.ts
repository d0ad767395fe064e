import {
  listMonitoredDeployments,
  lockInflightDeployment,
} from '@roundhouse/db/repositories/monitor';
import type { WorkerDeps } from '../deps';
import { fail } from './verdicts';

/** Stale deployments handled per run; the next run takes the rest. */
const BATCH = 500;

/**
 * reap_stale_deployments: an in-flight deployment without heartbeat (no phase change, no new log
 * line, no Railway id recorded) for longer than DEPLOYMENT_TIMEOUT becomes TIMED_OUT; its
 * instance goes FAILED, or DEGRADED when an earlier deployment still serves; the user and the
 * admins are told. Each deployment is re-checked under its row lock, so one the monitor just
 * heard from is left alone. Returns how many were timed out.
 */
export async function reapStaleDeployments(deps: WorkerDeps): Promise<number> {
  const now = deps.now();
  const timeoutMs = deps.config.monitor.deploymentTimeoutMs;
  const cutoff = new Date(now.getTime() - timeoutMs);
  const stale = await listMonitoredDeployments(deps.db, { limit: BATCH, olderThan: cutoff });
  let reaped = 0;
  for (const row of stale) {
    const done = await deps.db.transaction().execute(async (trx) => {
      const deployment = await lockInflightDeployment(trx, row.id);
      const lastSign = deployment && (deployment.heartbeat_at ?? deployment.queued_at);
      if (!deployment || !lastSign || lastSign >= cutoff) return false;
      const minutes = Math.round((now.getTime() - lastSign.getTime()) / 60_000);
      await fail(trx, {
        row,
        deployment,
        failure: {
          status: 'TIMED_OUT',
          errorClass: 'TIMEOUT',
          summary:
            `No progress for ${minutes} min while ${deployment.status} ` +
            `(the limit is ${Math.round(timeoutMs / 60_000)} min).`,
        },
        now,
        alertAdmins: true,
      });
      return true;
    });
    if (done) reaped++;
  }
  if (reaped > 0) deps.logger.warn({ reaped }, 'reaper: timed out silent deployments');
  return reaped;
}
