import { graphql } from '../../graphql';
import { EnvironmentFields, ServiceDomainFields, ServiceInstanceConfigFields } from './fragments';

/** Everything a clone needs from the template project, except variables (see template.ts). */
export const GetTemplate = graphql(
  `
    query GetTemplate($projectId: String!) {
      project(id: $projectId) {
        id
        name
        workspaceId
        environments(first: 50) {
          edges {
            node {
              ...EnvironmentFields
              serviceInstances(first: 100) {
                edges {
                  node {
                    ...ServiceInstanceConfigFields
                    domains {
                      serviceDomains {
                        ...ServiceDomainFields
                      }
                    }
                  }
                }
                pageInfo {
                  hasNextPage
                }
              }
            }
          }
          pageInfo {
            hasNextPage
          }
        }
      }
    }
  `,
  [EnvironmentFields, ServiceInstanceConfigFields, ServiceDomainFields],
);

/** Creates the project and returns its environments in the same round trip (DESIGN §3 step 2). */
export const CreateProject = graphql(
  `
    mutation CreateProject($input: ProjectCreateInput!) {
      projectCreate(input: $input) {
        id
        name
        workspaceId
        createdAt
        environments {
          edges {
            node {
              ...EnvironmentFields
            }
          }
        }
      }
    }
  `,
  [EnvironmentFields],
);

export const ListProjects = graphql(
  `
    query ListProjects($workspaceId: String, $first: Int, $after: String) {
      projects(workspaceId: $workspaceId, first: $first, after: $after, orderBy: CREATED_AT_DESC) {
        edges {
          node {
            id
            name
            workspaceId
            createdAt
            environments {
              edges {
                node {
                  ...EnvironmentFields
                }
              }
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
  [EnvironmentFields],
);

export const DeleteProject = graphql(`
  mutation DeleteProject($id: String!) {
    projectDelete(id: $id)
  }
`);
