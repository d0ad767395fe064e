import type { DeploymentStatus } from '@roundhouse/core';
import type { MonitoredDeployment } from '@roundhouse/db/repositories/monitor';
import type { LogKind, LogLine, LogRequest, RailwayClient } from '@roundhouse/railway-sdk';
import type { Logger } from 'pino';

/**
 * Which deployments' logs to fetch in this poll, in one batched request. Logs cost Railway budget
 * like status polls do, so they are fetched on a slower cadence than statuses: at most
 * LOG_ITEMS_PER_POLL streams per poll (one request at the client's default log batch size), each
 * deployment at most every LOG_REFRESH_MS, except that a deployment whose phase just changed or
 * that just got its verdict goes first (its last lines explain the outcome).
 */
export const LOG_ITEMS_PER_POLL = 20;
export const LOG_REFRESH_MS = 15_000;
/** Lines per stream and request; what is left comes with the next poll. */
export const LOG_LINES_PER_REQUEST = 500;
/** A first fetch starts this long before the row was queued (clocks of hosts differ). */
const FIRST_FETCH_SLACK_MS = 60_000;

export interface LogCandidate {
  row: MonitoredDeployment;
  /** Our status from Railway's answer (terminal ones included). */
  observed: DeploymentStatus;
  /** Phase changed or verdict reached in this poll. */
  urgent: boolean;
}

export type FetchedLogs = Map<string, Partial<Record<LogKind, LogLine[]>>>;

export class LogSchedule {
  private readonly lastFetch = new Map<string, number>();

  /** The log requests of this poll. */
  plan(candidates: readonly LogCandidate[], nowMs: number): LogRequest[] {
    const due = candidates
      .filter(
        ({ row, urgent }) =>
          urgent || nowMs - (this.lastFetch.get(row.id) ?? -Infinity) >= LOG_REFRESH_MS,
      )
      .sort(
        (a, b) =>
          Number(b.urgent) - Number(a.urgent) ||
          (this.lastFetch.get(a.row.id) ?? 0) - (this.lastFetch.get(b.row.id) ?? 0),
      );
    const requests: LogRequest[] = [];
    for (const candidate of due) {
      const kinds = streamsOf(candidate);
      if (requests.length + kinds.length > LOG_ITEMS_PER_POLL) break;
      for (const kind of kinds) requests.push(requestFor(candidate.row, kind));
      this.lastFetch.set(candidate.row.id, nowMs);
    }
    return requests;
  }

  forget(deploymentId: string): void {
    this.lastFetch.delete(deploymentId);
  }
}

/**
 * Fetches the planned logs in one batched call. A failure costs only this poll's lines (statuses
 * still move on); the cursors are unchanged, so the next fetch picks them up.
 */
export async function fetchLogs(
  railway: RailwayClient,
  requests: readonly LogRequest[],
  logger: Logger,
): Promise<FetchedLogs> {
  const fetched: FetchedLogs = new Map();
  if (requests.length === 0) return fetched;
  try {
    for (const result of await railway.getLogsBatch(requests)) {
      const entry = fetched.get(result.deploymentId) ?? {};
      entry[result.kind] = result.logs ?? [];
      fetched.set(result.deploymentId, entry);
    }
  } catch (error) {
    logger.warn({ err: error }, 'monitor: fetching deployment logs failed; next poll retries');
  }
  return fetched;
}

/** Build logs until the build is over (including the poll that sees it end), deploy logs after. */
function streamsOf({ row, observed }: LogCandidate): LogKind[] {
  const building = row.status === 'QUEUED' || row.status === 'BUILDING';
  const deploying = !['QUEUED', 'BUILDING', 'FAILED', 'CANCELED'].includes(observed);
  const kinds: LogKind[] = [];
  if (building) kinds.push('build');
  if (deploying || row.status === 'DEPLOYING' || row.status === 'HEALTH_CHECK')
    kinds.push('deploy');
  return kinds;
}

function requestFor(row: MonitoredDeployment, kind: LogKind): LogRequest {
  const cursor = kind === 'build' ? row.buildLogsUntil : row.deployLogsUntil;
  const since = cursor ?? new Date(row.queuedAt.getTime() - FIRST_FETCH_SLACK_MS);
  return {
    deploymentId: row.railwayDeploymentId as string,
    kind,
    since,
    limit: LOG_LINES_PER_REQUEST,
  };
}
