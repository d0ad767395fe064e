import { graphql } from '../../graphql';
import { ServiceDomainFields } from './fragments';

export const CreateServiceDomain = graphql(
  `
    mutation CreateServiceDomain($input: ServiceDomainCreateInput!) {
      serviceDomainCreate(input: $input) {
        ...ServiceDomainFields
      }
    }
  `,
  [ServiceDomainFields],
);

export const ListServiceDomains = graphql(
  `
    query ListServiceDomains($projectId: String!, $environmentId: String!, $serviceId: String!) {
      domains(projectId: $projectId, environmentId: $environmentId, serviceId: $serviceId) {
        serviceDomains {
          ...ServiceDomainFields
        }
      }
    }
  `,
  [ServiceDomainFields],
);
