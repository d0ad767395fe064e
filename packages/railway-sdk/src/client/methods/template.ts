import { ConfigurationError, ResourceError } from '@roundhouse/core';
import type { ResultOf } from '../../graphql';
import { type BatchItem, runBatch } from '../batch';
import { GetTemplate } from '../documents/projects';
import type { CallOptions } from '../executor';
import type { ClientContext } from '../options';
import { nodesOf } from '../paginate';
import type { RailwayTemplate, ServiceInstanceConfig, TemplateService, Variables } from '../types';
import { requireId } from '../validate';

type TemplateProject = ResultOf<typeof GetTemplate>['project'];
type TemplateEnvironment = TemplateProject['environments']['edges'][number]['node'];
type TemplateInstance = TemplateEnvironment['serviceInstances']['edges'][number]['node'];

/**
 * The instance settings a clone copies, as ServiceInstanceUpdateInput: every field of
 * ServiceInstanceConfigFields except identity, source and domains, unset ones left out.
 */
export function configOf(instance: TemplateInstance): ServiceInstanceConfig {
  const {
    serviceId: _serviceId,
    serviceName: _serviceName,
    environmentId: _environmentId,
    source: _source,
    domains: _domains,
    preDeployCommand,
    ...settings
  } = instance;
  const config: ServiceInstanceConfig = Object.fromEntries(
    Object.entries(settings).filter(([, value]) => value !== null && value !== undefined),
  );
  // Read as JSON, written as [String!]: keep it only when it is a list of strings.
  if (Array.isArray(preDeployCommand) && preDeployCommand.every((c) => typeof c === 'string')) {
    config.preDeployCommand = preDeployCommand;
  }
  return config;
}

function pickEnvironment(
  projectId: string,
  environments: TemplateEnvironment[],
  environmentId: string | undefined,
): TemplateEnvironment {
  const chosen = environmentId
    ? environments.find((environment) => environment.id === environmentId)
    : (environments.find((environment) => environment.name === 'production') ?? environments[0]);
  if (!chosen) {
    throw new ResourceError(
      `template project ${projectId} has no environment ${environmentId ?? '(none at all)'}`,
      { reason: 'NOT_FOUND' },
    );
  }
  if (chosen.serviceInstances.pageInfo.hasNextPage) {
    throw new ConfigurationError(
      `template project ${projectId} has more services than one page holds`,
    );
  }
  return chosen;
}

export function templateMethods({ executor, settings }: ClientContext) {
  return {
    /**
     * Reads a template project for cloning: its services with source, unrendered variables,
     * instance settings and domains, in the chosen environment (default `production`, else the
     * first). Two requests: the structure, then every service's variables in one batch.
     */
    async getTemplate(
      projectId: string,
      options: CallOptions & { environmentId?: string } = {},
    ): Promise<RailwayTemplate> {
      requireId('projectId', projectId);
      const { project } = await executor.request(GetTemplate, { projectId }, options);
      const environment = pickEnvironment(
        projectId,
        nodesOf(project.environments),
        options.environmentId,
      );
      const instances = nodesOf(environment.serviceInstances);

      const scope = {
        projectId: { type: 'String!', value: projectId },
        environmentId: { type: 'String!', value: environment.id },
        unrendered: { type: 'Boolean', value: true },
      };
      const items: BatchItem[] = [
        { field: 'variables', args: scope },
        ...instances.map((instance) => ({
          field: 'variables',
          args: { ...scope, serviceId: { type: 'String', value: instance.serviceId } },
        })),
      ];
      const [shared, ...perService] = await runBatch<Variables>(
        executor,
        'TemplateVariables',
        items,
        {
          chunkSize: settings.batchSize,
          call: options,
        },
      );

      const services = instances.map((instance, index): TemplateService => ({
        id: instance.serviceId,
        name: instance.serviceName,
        source: instance.source ?? null,
        variables: perService[index] ?? {},
        config: configOf(instance),
        domains: instance.domains.serviceDomains,
      }));
      return {
        projectId: project.id,
        projectName: project.name,
        workspaceId: project.workspaceId ?? null,
        environment: {
          id: environment.id,
          name: environment.name,
          projectId: environment.projectId,
        },
        services,
        sharedVariables: shared ?? {},
      };
    },
  };
}
