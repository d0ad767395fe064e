import { type BatchItem, runBatch } from '../batch';
import { LogFields } from '../documents/fragments';
import { BuildLogs, DeploymentLogs } from '../documents/logs';
import type { CallOptions } from '../executor';
import type { ClientContext } from '../options';
import type { LogBatchResult, LogLine, LogRequest } from '../types';
import { invalid, requireId } from '../validate';

const FIELD = { build: 'buildLogs', deploy: 'deploymentLogs' } as const;

function startDate(since: LogRequest['since']): string | null {
  if (since === undefined) return null;
  const date = new Date(since);
  if (Number.isNaN(date.getTime())) throw invalid(`since is not a date: ${String(since)}`);
  return date.toISOString();
}

/** The request itself, or a clear error before anything is sent. */
export function checkedLogRequest(request: LogRequest): LogRequest {
  requireId('deploymentId', request.deploymentId);
  if (!Object.hasOwn(FIELD, request.kind))
    throw invalid(`log kind must be build or deploy: ${request.kind}`);
  if (
    request.limit !== undefined &&
    !(Number.isInteger(request.limit) && request.limit >= 1 && request.limit <= 5000)
  ) {
    throw invalid(`log limit must be 1..5000: ${request.limit}`);
  }
  return request;
}

/** One aliased `buildLogs`/`deploymentLogs` field of a batched read (request already checked). */
export function logItem({ deploymentId, kind, since, limit }: LogRequest): BatchItem {
  return {
    field: FIELD[kind],
    args: {
      deploymentId: { type: 'String!', value: deploymentId },
      startDate: { type: 'DateTime', value: startDate(since) },
      limit: { type: 'Int', value: limit ?? null },
    },
    selection: '...LogFields',
    fragments: [LogFields],
  };
}

export function logMethods({ executor, settings }: ClientContext) {
  return {
    /** Lines of one deployment's build or runtime log, oldest first, from `since` on. */
    async getLogs(request: LogRequest, options?: CallOptions): Promise<LogLine[]> {
      const { deploymentId, kind, since, limit } = checkedLogRequest(request);
      const document = kind === 'build' ? BuildLogs : DeploymentLogs;
      const variables = { deploymentId, startDate: startDate(since), limit: limit ?? null };
      return (await executor.request(document, variables, options)).logs;
    },

    /** New lines of many deployments in ceil(n / logBatchSize) requests, in request order. */
    async getLogsBatch(
      requests: readonly LogRequest[],
      options?: CallOptions,
    ): Promise<LogBatchResult[]> {
      const items = requests.map(checkedLogRequest).map(logItem);
      const results = await runBatch<LogLine[]>(executor, 'LogsBatch', items, {
        chunkSize: settings.logBatchSize,
        ...(options ? { call: options } : {}),
      });
      return requests.map((request, index) => ({ ...request, logs: results[index] ?? null }));
    },
  };
}
