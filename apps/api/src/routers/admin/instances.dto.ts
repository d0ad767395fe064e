import type {
  AdminInstanceDetail,
  AdminInstanceRow,
  AttentionRow,
} from '@roundhouse/db/repositories/admin-instances';
import type { Deployment, Instance, Subscription } from '@roundhouse/db';

/** Admin views of instances: camelCase, no Railway secrets (there are none on these rows). */

export function adminInstanceDto(row: AdminInstanceRow) {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    statusReason: row.status_reason,
    domain: row.domain,
    publicUrl: row.public_url,
    user: { id: row.user_id, email: row.user_email },
    subscription: {
      id: row.subscription_id,
      plan: row.plan,
      source: row.source,
      status: row.subscription_status,
    },
    healthFailures: row.health_failures,
    lastHealthAt: row.last_health_at,
    errorClass: row.error_class,
    errorMessage: row.error_message,
    currentDeployment:
      row.deployment_id === null || row.deployment_status === null
        ? null
        : {
            id: row.deployment_id,
            status: row.deployment_status,
            progress: row.deployment_progress,
          },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function attentionDto(row: AttentionRow) {
  return { ...adminInstanceDto(row), reason: row.reason, since: row.updated_at };
}

export function instanceDto(instance: Instance) {
  return {
    id: instance.id,
    name: instance.name,
    status: instance.status,
    statusReason: instance.status_reason,
    userId: instance.user_id,
    subscriptionId: instance.subscription_id,
    templateProjectId: instance.template_project_id,
    templateServiceId: instance.template_service_id,
    railwayProjectId: instance.railway_project_id,
    railwayEnvironmentId: instance.railway_environment_id,
    railwayServiceId: instance.railway_service_id,
    domain: instance.domain,
    publicUrl: instance.public_url,
    checkpoint: instance.checkpoint,
    currentDeploymentId: instance.current_deployment_id,
    lastGoodDeploymentId: instance.last_good_deployment_id,
    lastHealth: instance.last_health,
    lastHealthAt: instance.last_health_at,
    healthFailures: instance.health_failures,
    errorClass: instance.error_class,
    errorMessage: instance.error_message,
    provisionedAt: instance.provisioned_at,
    suspendedAt: instance.suspended_at,
    deletedAt: instance.deleted_at,
    createdAt: instance.created_at,
    updatedAt: instance.updated_at,
  };
}

export function deploymentDto(deployment: Deployment) {
  return {
    id: deployment.id,
    kind: deployment.kind,
    status: deployment.status,
    progress: deployment.progress,
    railwayDeploymentId: deployment.railway_deployment_id,
    attempt: deployment.attempt,
    requestedBy: deployment.requested_by,
    queuedAt: deployment.queued_at,
    buildingAt: deployment.building_at,
    deployingAt: deployment.deploying_at,
    healthCheckAt: deployment.health_check_at,
    finishedAt: deployment.finished_at,
    heartbeatAt: deployment.heartbeat_at,
    errorClass: deployment.error_class,
    errorMessage: deployment.error_message,
  };
}

export function adminInstanceDetailDto({ instance, deployments }: AdminInstanceDetail) {
  return {
    ...instanceDto(instance),
    user: {
      id: instance.user_id,
      email: instance.user_email,
      name: instance.user_name,
      banned: instance.user_banned === true,
    },
    subscription: {
      id: instance.subscription_id,
      plan: instance.plan,
      source: instance.source,
      status: instance.subscription_status,
      currentPeriodEnd: instance.current_period_end,
    },
    recentDeployments: deployments.map(deploymentDto),
  };
}

export function subscriptionDto(subscription: Subscription) {
  return {
    id: subscription.id,
    userId: subscription.user_id,
    plan: subscription.plan,
    planVersion: subscription.plan_version,
    source: subscription.source,
    status: subscription.status,
    currentPeriodStart: subscription.current_period_start,
    currentPeriodEnd: subscription.current_period_end,
    createdAt: subscription.created_at,
  };
}
