import type { DeploymentStatus } from '@roundhouse/core';
import type { MonitoredDeployment } from '@roundhouse/db/repositories/monitor';
import type { LogKind, LogLine, LogRequest } from '@roundhouse/railway-sdk';

/**
 * Which deployments' logs ride along with this poll's status request (DeploymentPoll: the log
 * streams travel in the same GraphQL document as the statuses, so they cost no request of their
 * own, only room in it). At most LOG_ITEMS_PER_POLL streams per poll (the client's log stream
 * limit per request, so they fit in the first one), the least recently fetched deployments first.
 * The plan is made before Railway answers, so from the stored phase. A deployment whose phase
 * changed or that got its verdict in a poll that did not carry the streams covering it is owed
 * them: they go first in the next poll (its last lines explain the outcome).
 */
export const LOG_ITEMS_PER_POLL = 20;
/** Lines per stream and request; what is left comes with the next poll. */
export const LOG_LINES_PER_REQUEST = 500;
/** A first fetch starts this long before the row was queued (clocks of hosts differ). */
const FIRST_FETCH_SLACK_MS = 60_000;

export type FetchedLogs = Map<string, Partial<Record<LogKind, LogLine[]>>>;

export class LogSchedule {
  private readonly lastFetch = new Map<string, number>();
  /** Streams needed to explain a change Railway reported in a poll that did not carry them. */
  private readonly owed = new Map<string, LogKind[]>();

  /** The log requests to send with this poll's statuses. */
  plan(rows: readonly MonitoredDeployment[], nowMs: number): LogRequest[] {
    const order = rows
      .map((row) => ({ row, owed: this.owed.get(row.id) }))
      .sort(
        (a, b) =>
          Number(b.owed !== undefined) - Number(a.owed !== undefined) ||
          this.fetchedAt(a.row.id) - this.fetchedAt(b.row.id),
      );
    const requests: LogRequest[] = [];
    for (const { row, owed = [] } of order) {
      const kinds = [...new Set([...streamsOf(row, row.status), ...owed])];
      if (requests.length + kinds.length > LOG_ITEMS_PER_POLL) break;
      for (const kind of kinds) requests.push(requestFor(row, kind));
      this.lastFetch.set(row.id, nowMs);
    }
    return requests;
  }

  /**
   * After Railway answered: whether this poll's lines explain what it observed. They do unless
   * the deployment changed phase or got its verdict (`changed`) and the poll did not ask for
   * every stream covering the change (or an earlier one); those streams are then owed.
   */
  explains(
    row: MonitoredDeployment,
    observed: DeploymentStatus,
    carried: readonly LogKind[],
    changed: boolean,
  ): boolean {
    const wanted = new Set([
      ...(this.owed.get(row.id) ?? []),
      ...(changed ? streamsOf(row, observed) : []),
    ]);
    const missing = [...wanted].filter((kind) => !carried.includes(kind));
    if (missing.length === 0) this.owed.delete(row.id);
    else this.owed.set(row.id, missing);
    return !changed || missing.length === 0;
  }

  /** When the deployment's logs were last asked for; never = before anything else. */
  private fetchedAt(deploymentId: string): number {
    return this.lastFetch.get(deploymentId) ?? Number.MIN_SAFE_INTEGER;
  }

  forget(deploymentId: string): void {
    this.lastFetch.delete(deploymentId);
    this.owed.delete(deploymentId);
  }
}

/** Build logs until the build is over (including the poll that sees it end), deploy logs after. */
function streamsOf(row: MonitoredDeployment, observed: DeploymentStatus): LogKind[] {
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
