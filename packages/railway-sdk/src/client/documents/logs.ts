import { graphql } from '../../graphql';
import { LogFields } from './fragments';

export const BuildLogs = graphql(
  `
    query BuildLogs($deploymentId: String!, $startDate: DateTime, $limit: Int) {
      logs: buildLogs(deploymentId: $deploymentId, startDate: $startDate, limit: $limit) {
        ...LogFields
      }
    }
  `,
  [LogFields],
);

export const DeploymentLogs = graphql(
  `
    query DeploymentLogs($deploymentId: String!, $startDate: DateTime, $limit: Int) {
      logs: deploymentLogs(deploymentId: $deploymentId, startDate: $startDate, limit: $limit) {
        ...LogFields
      }
    }
  `,
  [LogFields],
);
