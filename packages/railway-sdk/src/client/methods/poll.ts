import { chunk, runChunk } from '../batch';
import type { CallOptions } from '../executor';
import type { ClientContext } from '../options';
import type { Deployment, DeploymentPoll, DeploymentPollRequest, LogLine } from '../types';
import { requireIds } from '../validate';
import { statusItem } from './deployments';
import { checkedLogRequest, logItem } from './logs';

export function pollMethods({ executor, settings }: ClientContext) {
  return {
    /**
     * What a monitor poll needs in one go: the status of `statusIds` and the new lines of the
     * `logs` streams. Request i carries status chunk i and log chunk i (aliased `deployment(id:)`
     * and `buildLogs`/`deploymentLogs` fields in one document), so no request exceeds either
     * limit and the logs cost no request of their own while statuses are asked anyway:
     * max(ceil(ids / batchSize), ceil(logs / logBatchSize)) requests.
     */
    async pollDeployments(
      request: DeploymentPollRequest,
      options?: CallOptions,
    ): Promise<DeploymentPoll> {
      const ids = [...new Set(requireIds('statusIds', request.statusIds))];
      const logRequests = (request.logs ?? []).map(checkedLogRequest);
      const statusChunks = chunk(ids.map(statusItem), settings.batchSize);
      const logChunks = chunk(logRequests.map(logItem), settings.logBatchSize);
      const statuses: Array<Deployment | null> = [];
      const lines: Array<LogLine[] | null> = [];
      for (let i = 0; i < Math.max(statusChunks.length, logChunks.length); i++) {
        const own = statusChunks[i] ?? [];
        const items = [...own, ...(logChunks[i] ?? [])];
        const results = await runChunk<unknown>(executor, 'DeploymentPoll', items, {
          ...(options ? { call: options } : {}),
        });
        statuses.push(...(results.slice(0, own.length) as Array<Deployment | null>));
        lines.push(...(results.slice(own.length) as Array<LogLine[] | null>));
      }
      return {
        statuses: new Map(ids.map((id, index) => [id, statuses[index] ?? null])),
        logs: logRequests.map((log, index) => ({ ...log, logs: lines[index] ?? null })),
      };
    },
  };
}
