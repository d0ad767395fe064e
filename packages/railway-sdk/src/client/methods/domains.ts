import { CreateServiceDomain, ListServiceDomains } from '../documents/domains';
import type { CallOptions } from '../executor';
import type { ClientContext } from '../options';
import type { ServiceDomain } from '../types';
import { requireId } from '../validate';
import type { ServiceInstanceRef } from './services';

export function domainMethods({ executor, settings }: ClientContext) {
  return {
    async createServiceDomain(
      target: ServiceInstanceRef & { targetPort?: number },
      options?: CallOptions,
    ): Promise<ServiceDomain> {
      const { serviceDomainCreate } = await executor.request(
        CreateServiceDomain,
        {
          input: {
            serviceId: requireId('serviceId', target.serviceId),
            environmentId: requireId('environmentId', target.environmentId),
            ...(target.targetPort === undefined ? {} : { targetPort: target.targetPort }),
          },
        },
        options,
      );
      return serviceDomainCreate;
    },

    async listServiceDomains(
      target: ServiceInstanceRef & { projectId: string },
      options?: CallOptions,
    ): Promise<ServiceDomain[]> {
      const { domains } = await executor.request(
        ListServiceDomains,
        {
          projectId: requireId('projectId', target.projectId),
          environmentId: requireId('environmentId', target.environmentId),
          serviceId: requireId('serviceId', target.serviceId),
        },
        options,
      );
      return domains.serviceDomains;
    },

    /** Where a service domain answers (`publicUrlTemplate`, default `https://{domain}`). */
    publicUrlFor(domain: string): string {
      return settings.publicUrlTemplate.replaceAll('{domain}', requireId('domain', domain));
    },
  };
}
