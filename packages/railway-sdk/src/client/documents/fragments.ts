/** Selections shared by several operations, so every method returns the same shapes. */
import { graphql } from '../../graphql';

export const DeploymentFields = graphql(`
  fragment DeploymentFields on Deployment {
    id
    status
    canRollback
    createdAt
    updatedAt
    url
    staticUrl
    serviceId
    environmentId
    projectId
    meta
  }
`);

export const LogFields = graphql(`
  fragment LogFields on Log {
    message
    timestamp
    severity
    attributes {
      key
      value
    }
    tags {
      deploymentId
      deploymentInstanceId
      serviceId
      environmentId
      projectId
    }
  }
`);

export const EnvironmentFields = graphql(`
  fragment EnvironmentFields on Environment {
    id
    name
    projectId
  }
`);

export const ServiceFields = graphql(`
  fragment ServiceFields on Service {
    id
    name
    projectId
    createdAt
  }
`);

export const ServiceDomainFields = graphql(`
  fragment ServiceDomainFields on ServiceDomain {
    id
    domain
    serviceId
    environmentId
    projectId
    targetPort
  }
`);

/** The settings a clone must copy (they map onto ServiceInstanceUpdateInput). */
export const ServiceInstanceConfigFields = graphql(`
  fragment ServiceInstanceConfigFields on ServiceInstance {
    serviceId
    serviceName
    environmentId
    source {
      image
      repo
    }
    builder
    buildCommand
    startCommand
    preDeployCommand
    rootDirectory
    dockerfilePath
    healthcheckPath
    healthcheckTimeout
    numReplicas
    region
    restartPolicyType
    restartPolicyMaxRetries
    sleepApplication
    cronSchedule
  }
`);
