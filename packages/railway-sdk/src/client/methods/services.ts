import {
  CreateService,
  DeployService,
  ListProjectServices,
  UpdateServiceInstance,
} from '../documents/services';
import type { CallOptions } from '../executor';
import type { ClientContext } from '../options';
import { findInPages, nodesOf } from '../paginate';
import type { Service, ServiceInstanceConfig, ServiceSource, Variables } from '../types';
import { expectTrue, requireId } from '../validate';

export interface CreateServiceInput {
  projectId: string;
  environmentId: string;
  name: string;
  source?: ServiceSource;
  variables?: Variables;
}

export interface ServiceInstanceRef {
  serviceId: string;
  environmentId: string;
}

export function serviceMethods({ executor, settings }: ClientContext) {
  return {
    /**
     * One request: the service with its source and variables. With a source, Railway starts the
     * first deployment itself — do not deploy it again.
     */
    async createService(input: CreateServiceInput, options?: CallOptions): Promise<Service> {
      const { source, variables } = input;
      const { serviceCreate } = await executor.request(
        CreateService,
        {
          input: {
            projectId: requireId('projectId', input.projectId),
            environmentId: requireId('environmentId', input.environmentId),
            name: requireId('name', input.name),
            ...(source
              ? { source: { image: source.image ?? null, repo: source.repo ?? null } }
              : {}),
            ...(variables ? { variables } : {}),
          },
        },
        options,
      );
      return serviceCreate;
    },

    async findServiceByName(
      projectId: string,
      name: string,
      options?: CallOptions,
    ): Promise<Service | null> {
      requireId('projectId', projectId);
      requireId('name', name);
      return findInPages(
        async (after) => {
          const { project } = await executor.request(
            ListProjectServices,
            { projectId, first: settings.pageSize, after: after ?? null },
            options,
          );
          return { nodes: nodesOf(project.services), ...project.services.pageInfo };
        },
        (service) => service.name === name,
      );
    },

    async updateServiceInstance(
      target: ServiceInstanceRef & { config: ServiceInstanceConfig },
      options?: CallOptions,
    ): Promise<void> {
      const { serviceInstanceUpdate } = await executor.request(
        UpdateServiceInstance,
        {
          serviceId: requireId('serviceId', target.serviceId),
          environmentId: requireId('environmentId', target.environmentId),
          input: target.config,
        },
        options,
      );
      expectTrue(serviceInstanceUpdate, 'serviceInstanceUpdate');
    },

    /** Starts a deployment of the service's current source; returns its id. */
    async deployService(
      target: ServiceInstanceRef & { commitSha?: string },
      options?: CallOptions,
    ): Promise<string> {
      const { serviceInstanceDeployV2 } = await executor.request(
        DeployService,
        {
          serviceId: requireId('serviceId', target.serviceId),
          environmentId: requireId('environmentId', target.environmentId),
          commitSha: target.commitSha ?? null,
        },
        options,
      );
      return serviceInstanceDeployV2;
    },
  };
}
