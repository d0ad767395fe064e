import { isRoundhouseError } from '@roundhouse/core';
import type {
  Deployment,
  LogBatchResult,
  LogRequest,
  RailwayClient,
} from '@roundhouse/railway-sdk';
import type { Logger } from 'pino';
import type { FetchedLogs } from './log-sync';

export interface RailwayView {
  /** Every asked id; null where Railway does not know it. */
  statuses: Map<string, Deployment | null>;
  /** Lines by Railway deployment id and stream; empty when the logs could not be read. */
  logs: FetchedLogs;
}

/**
 * One poll's Railway reads: the statuses and the planned log streams in the same requests, so a
 * poll costs ceil(n / batch size) requests. If Railway refuses that read for a reason a retry
 * would not fix (say, a log field it rejects), the statuses are asked alone: a log failure costs
 * only this poll's lines, and the cursors are unchanged, so the next fetch picks them up.
 * Transient failures (already retried by the client) fail the poll as a status failure would.
 */
export async function readRailway(
  railway: RailwayClient,
  statusIds: readonly string[],
  logs: readonly LogRequest[],
  logger: Logger,
): Promise<RailwayView> {
  try {
    const poll = await railway.pollDeployments({ statusIds, logs });
    return { statuses: poll.statuses, logs: byDeployment(poll.logs) };
  } catch (error) {
    if (logs.length === 0 || (isRoundhouseError(error) && error.retryable)) throw error;
    logger.warn(
      { err: error },
      'monitor: Railway refused the log streams; statuses alone this poll',
    );
    return { statuses: await railway.getDeploymentStatuses(statusIds), logs: new Map() };
  }
}

function byDeployment(results: readonly LogBatchResult[]): FetchedLogs {
  const fetched: FetchedLogs = new Map();
  for (const result of results) {
    const entry = fetched.get(result.deploymentId) ?? {};
    entry[result.kind] = result.logs ?? [];
    fetched.set(result.deploymentId, entry);
  }
  return fetched;
}
