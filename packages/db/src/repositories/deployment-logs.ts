import { setTimeout as sleep } from 'node:timers/promises';
import {
  type DeploymentStatus,
  INFLIGHT_DEPLOYMENT_STATUSES,
  ResourceError,
} from '@roundhouse/core';
import type { DbOrTrx } from '../client';
import type { DeploymentLog } from '../schema/instances';
import { instanceNotFound } from './deployments';

/**
 * Stored deployment logs (already redacted by the worker), read by offset: `seq` numbers a
 * deployment's lines 0, 1, 2, … so a reader resumes exactly where it stopped.
 */

export type LogLine = Pick<DeploymentLog, 'seq' | 'ts' | 'stream' | 'severity' | 'message'>;

export interface LogDeployment {
  id: string;
  status: DeploymentStatus;
}

export interface LogPage {
  deploymentStatus: DeploymentStatus;
  lines: LogLine[];
  /** Pass as `afterSeq` to read on: the last line's seq, or the given afterSeq if none came. */
  nextSeq: number;
  /** More lines are stored right now. */
  hasMore: boolean;
  /** The deployment is over and every line was read: nothing will follow. */
  finished: boolean;
}

export interface ReadLogsInput {
  deploymentId: string;
  /** Lines with seq > afterSeq; -1 from the first line. */
  afterSeq: number;
  limit: number;
}

/**
 * Which deployment a log request means: the given one (it must belong to the instance) or the
 * instance's current one (null before the first deployment). NOT_FOUND unless the instance is
 * the user's (userId null: any owner).
 */
export async function resolveLogDeployment(
  db: DbOrTrx,
  input: { instanceId: string; userId: string | null; deploymentId?: string | undefined },
): Promise<LogDeployment | null> {
  const row = await db
    .selectFrom('instances as i')
    .leftJoin('deployments as d', (join) =>
      join
        .onRef('d.instance_id', '=', 'i.id')
        .on((eb) =>
          input.deploymentId === undefined
            ? eb('d.id', '=', eb.ref('i.current_deployment_id'))
            : eb('d.id', '=', input.deploymentId),
        ),
    )
    .select(['d.id', 'd.status'])
    .where('i.id', '=', input.instanceId)
    .$if(input.userId !== null, (q) => q.where('i.user_id', '=', input.userId as string))
    .executeTakeFirst();
  if (!row) throw instanceNotFound(input.instanceId);
  if (row.id === null || row.status === null) {
    if (input.deploymentId === undefined) return null;
    throw new ResourceError(
      `Deployment ${input.deploymentId} not found for instance ${input.instanceId}`,
      { reason: 'NOT_FOUND' },
    );
  }
  return { id: row.id, status: row.status };
}

/**
 * Up to `limit` lines after `afterSeq`, on the (deployment_id, seq) unique index. The status and
 * the lines come from one statement (one snapshot), so `finished` is never claimed while lines
 * written before the final status are still unread.
 */
export async function readLogs(db: DbOrTrx, input: ReadLogsInput): Promise<LogPage> {
  const { deploymentId, afterSeq, limit } = input;
  const rows = await db
    .selectFrom('deployments as d')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('deployment_logs as l')
          .select(['l.seq', 'l.ts', 'l.stream', 'l.severity', 'l.message'])
          .whereRef('l.deployment_id', '=', 'd.id')
          .where('l.seq', '>', afterSeq)
          .orderBy('l.seq')
          .limit(limit + 1)
          .as('line'),
      (join) => join.onTrue(),
    )
    .select(['d.status', 'line.seq', 'line.ts', 'line.stream', 'line.severity', 'line.message'])
    .where('d.id', '=', deploymentId)
    .orderBy('line.seq')
    .execute();
  const first = rows[0];
  if (!first) {
    throw new ResourceError(`Deployment ${deploymentId} not found`, { reason: 'NOT_FOUND' });
  }
  const found = rows.flatMap(({ seq, ts, stream, severity, message }) =>
    seq === null || ts === null || stream === null || severity === null || message === null
      ? []
      : [{ seq, ts, stream, severity, message }],
  );
  const lines = found.slice(0, limit);
  const hasMore = found.length > limit;
  const inflight = (INFLIGHT_DEPLOYMENT_STATUSES as readonly string[]).includes(first.status);
  return {
    deploymentStatus: first.status,
    lines,
    nextSeq: lines.at(-1)?.seq ?? afterSeq,
    hasMore,
    finished: !inflight && !hasMore,
  };
}

export interface FollowLogsInput {
  deploymentId: string;
  afterSeq: number;
  /** Stops the stream (client gone); the generator then returns quietly. */
  signal?: AbortSignal | undefined;
  /** Wait between polls when caught up (default 500 ms). */
  pollIntervalMs?: number;
  /** Lines read per query (default 500). */
  batchSize?: number;
}

/**
 * Yields a deployment's lines after `afterSeq` as they are stored, polling while caught up, and
 * returns once the deployment is over and every line was yielded (or on abort, or when the
 * deployment disappears). Holds no connection between polls.
 */
export async function* followLogs(db: DbOrTrx, input: FollowLogsInput): AsyncGenerator<LogLine> {
  const { deploymentId, signal } = input;
  const pollIntervalMs = input.pollIntervalMs ?? 500;
  const batchSize = input.batchSize ?? 500;
  let afterSeq = input.afterSeq;
  while (!signal?.aborted) {
    let page: LogPage;
    try {
      page = await readLogs(db, { deploymentId, afterSeq, limit: batchSize });
    } catch (error) {
      // Deleted with its instance meanwhile: there is nothing more to follow.
      if (error instanceof ResourceError && error.reason === 'NOT_FOUND') return;
      throw error;
    }
    for (const line of page.lines) {
      if (signal?.aborted) return;
      yield line;
      afterSeq = line.seq;
    }
    if (page.finished) return;
    if (!page.hasMore && !(await pause(pollIntervalMs, signal))) return;
  }
}

/** False when aborted during the wait. */
async function pause(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch (error) {
    if (signal?.aborted) return false;
    throw error;
  }
}
