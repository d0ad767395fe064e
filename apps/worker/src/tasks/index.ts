import type { TaskDefinition } from '../define-task';
import { advanceSubscriptionsTask } from './advance-subscriptions.task';
import { cancelDeploymentTask } from './cancel-deployment.task';
import { checkInstanceHealthTask } from './check-instance-health.task';
import { cloneInstanceTask } from './clone-instance.task';
import { deleteInstanceTask } from './delete-instance.task';
import { monitorDeploymentsTask } from './monitor-deployments.task';
import { reapStaleDeploymentsTask } from './reap-stale-deployments.task';
import { reconcileOrdersTask } from './reconcile-orders.task';
import { reconcileRefundsTask } from './reconcile-refunds.task';
import { redeployInstanceTask } from './redeploy-instance.task';
import { restartInstanceTask } from './restart-instance.task';
import { resumeInstanceTask } from './resume-instance.task';
import { rollbackInstanceTask } from './rollback-instance.task';
import { rotateEncryptionKeysTask } from './rotate-encryption-keys.task';
import { sendNotificationTask } from './send-notification.task';
import { sendPasswordResetTask } from './send-password-reset.task';
import { sendWebhookTestTask } from './send-webhook-test.task';
import { stopProviderRenewalTask } from './stop-provider-renewal.task';
import { suspendInstanceTask } from './suspend-instance.task';
import { updateInstanceVariablesTask } from './update-instance-variables.task';

/** Every task this worker runs; graphile-worker only takes jobs whose task is listed here. */
export const allTasks: readonly TaskDefinition[] = [
  cloneInstanceTask,
  redeployInstanceTask,
  restartInstanceTask,
  rollbackInstanceTask,
  cancelDeploymentTask,
  updateInstanceVariablesTask,
  deleteInstanceTask,
  suspendInstanceTask,
  resumeInstanceTask,
  monitorDeploymentsTask,
  checkInstanceHealthTask,
  reapStaleDeploymentsTask,
  sendNotificationTask,
  sendPasswordResetTask,
  sendWebhookTestTask,
  rotateEncryptionKeysTask,
  reconcileOrdersTask,
  reconcileRefundsTask,
  stopProviderRenewalTask,
  advanceSubscriptionsTask,
];
