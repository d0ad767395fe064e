import { graphql } from '../../graphql';
import { DeploymentFields } from './fragments';

export const GetDeployment = graphql(
  `
    query GetDeployment($id: String!) {
      deployment(id: $id) {
        ...DeploymentFields
      }
    }
  `,
  [DeploymentFields],
);

export const ListDeployments = graphql(
  `
    query ListDeployments($input: DeploymentListInput!, $first: Int) {
      deployments(input: $input, first: $first) {
        edges {
          node {
            ...DeploymentFields
          }
        }
      }
    }
  `,
  [DeploymentFields],
);

export const RedeployDeployment = graphql(
  `
    mutation RedeployDeployment($id: String!, $usePreviousImageTag: Boolean) {
      deploymentRedeploy(id: $id, usePreviousImageTag: $usePreviousImageTag) {
        ...DeploymentFields
      }
    }
  `,
  [DeploymentFields],
);

/** The Boolean mutations alias their field to `done`, so one helper handles them all. */
export const RestartDeployment = graphql(`
  mutation RestartDeployment($id: String!) {
    done: deploymentRestart(id: $id)
  }
`);

export const RollbackDeployment = graphql(`
  mutation RollbackDeployment($id: String!) {
    done: deploymentRollback(id: $id)
  }
`);

export const CancelDeployment = graphql(`
  mutation CancelDeployment($id: String!) {
    done: deploymentCancel(id: $id)
  }
`);

export const StopDeployment = graphql(`
  mutation StopDeployment($id: String!) {
    done: deploymentStop(id: $id)
  }
`);
