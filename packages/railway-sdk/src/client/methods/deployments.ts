import { type BatchItem, runBatch } from '../batch';
import {
  CancelDeployment,
  GetDeployment,
  ListDeployments,
  RedeployDeployment,
  RestartDeployment,
  RollbackDeployment,
  StopDeployment,
} from '../documents/deployments';
import { DeploymentFields } from '../documents/fragments';
import { type CallOptions, prepareDocument } from '../executor';
import type { TadaDocumentNode } from '../../graphql';
import type { ClientContext } from '../options';
import { nodesOf } from '../paginate';
import type { Deployment } from '../types';
import { expectTrue, requireId, requireIds } from '../validate';

/** One aliased `deployment(id:)` field of a batched status read. */
export function statusItem(id: string): BatchItem {
  return {
    field: 'deployment',
    args: { id: { type: 'String!', value: id } },
    selection: '...DeploymentFields',
    fragments: [DeploymentFields],
  };
}

export function deploymentMethods({ executor, settings }: ClientContext) {
  /** The Boolean deployment mutations differ only in their document. */
  const act =
    (document: TadaDocumentNode<{ done: boolean }, { id: string }>) =>
    async (deploymentId: string, options?: CallOptions): Promise<void> => {
      const id = requireId('deploymentId', deploymentId);
      const { done } = await executor.request(document, { id }, options);
      expectTrue(done, prepareDocument(document).operationName);
    };

  return {
    async getDeployment(deploymentId: string, options?: CallOptions): Promise<Deployment> {
      const id = requireId('deploymentId', deploymentId);
      return (await executor.request(GetDeployment, { id }, options)).deployment;
    },

    /** Newest first, as Railway lists them. */
    async listDeployments(
      serviceId: string,
      environmentId: string,
      first = 10,
      options?: CallOptions,
    ): Promise<Deployment[]> {
      const input = {
        serviceId: requireId('serviceId', serviceId),
        environmentId: requireId('environmentId', environmentId),
      };
      const { deployments } = await executor.request(ListDeployments, { input, first }, options);
      return nodesOf(deployments);
    },

    /**
     * Many deployments in ceil(n / batchSize) requests (aliased `deployment(id:)` fields). The
     * map has every requested id; null where Railway does not know it.
     */
    async getDeploymentStatuses(
      deploymentIds: readonly string[],
      options?: CallOptions,
    ): Promise<Map<string, Deployment | null>> {
      const ids = [...new Set(requireIds('deploymentIds', deploymentIds))];
      const items = ids.map(statusItem);
      const results = await runBatch<Deployment>(executor, 'DeploymentStatuses', items, {
        chunkSize: settings.batchSize,
        ...(options ? { call: options } : {}),
      });
      return new Map(ids.map((id, index) => [id, results[index] ?? null]));
    },

    async redeploy(
      deploymentId: string,
      options: CallOptions & { usePreviousImageTag?: boolean } = {},
    ): Promise<Deployment> {
      const id = requireId('deploymentId', deploymentId);
      const usePreviousImageTag = options.usePreviousImageTag ?? null;
      const { deploymentRedeploy } = await executor.request(
        RedeployDeployment,
        { id, usePreviousImageTag },
        options,
      );
      return deploymentRedeploy;
    },

    restart: act(RestartDeployment),
    /** Railway refuses unless the deployment's `canRollback` is true. */
    rollback: act(RollbackDeployment),
    cancel: act(CancelDeployment),
    stop: act(StopDeployment),
  };
}
