import { graphql } from '../../graphql';

export const GetVariables = graphql(`
  query GetVariables(
    $projectId: String!
    $environmentId: String!
    $serviceId: String
    $unrendered: Boolean
  ) {
    variables(
      projectId: $projectId
      environmentId: $environmentId
      serviceId: $serviceId
      unrendered: $unrendered
    )
  }
`);

/** `replace` deletes variables not in the set; `skipDeploys` avoids the automatic redeploy. */
export const UpsertVariables = graphql(`
  mutation UpsertVariables($input: VariableCollectionUpsertInput!) {
    variableCollectionUpsert(input: $input)
  }
`);
