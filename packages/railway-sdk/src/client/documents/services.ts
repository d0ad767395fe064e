import { graphql } from '../../graphql';
import { ServiceFields } from './fragments';

/** Source and variables in the same request: this starts the first deployment (DESIGN §3). */
export const CreateService = graphql(
  `
    mutation CreateService($input: ServiceCreateInput!) {
      serviceCreate(input: $input) {
        ...ServiceFields
      }
    }
  `,
  [ServiceFields],
);

export const ListProjectServices = graphql(
  `
    query ListProjectServices($projectId: String!, $first: Int, $after: String) {
      project(id: $projectId) {
        services(first: $first, after: $after) {
          edges {
            node {
              ...ServiceFields
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  `,
  [ServiceFields],
);

export const UpdateServiceInstance = graphql(`
  mutation UpdateServiceInstance(
    $serviceId: String!
    $environmentId: String
    $input: ServiceInstanceUpdateInput!
  ) {
    serviceInstanceUpdate(serviceId: $serviceId, environmentId: $environmentId, input: $input)
  }
`);

/** Returns the id of the deployment it started. */
export const DeployService = graphql(`
  mutation DeployService($serviceId: String!, $environmentId: String!, $commitSha: String) {
    serviceInstanceDeployV2(
      serviceId: $serviceId
      environmentId: $environmentId
      commitSha: $commitSha
    )
  }
`);
