import {
  deploymentStatusMachine,
  instanceStatusMachine,
  type DeploymentStatus,
  type InstanceStatus,
} from '@roundhouse/core';
import { isDeploymentInflight } from './instance-status';

export const INSTANCE_ACTIONS = [
  'redeploy',
  'restart',
  'rollback',
  'cancel',
  'retry',
  'delete',
] as const;
export type InstanceAction = (typeof INSTANCE_ACTIONS)[number];

/** Why an action is unavailable; each has a message key `instances.blocked.<reason>`. */
export type BlockedReason =
  | 'provisioning'
  | 'deleting'
  | 'deleted'
  | 'inflight'
  | 'notDeployable'
  | 'noRollbackTarget'
  | 'nothingToCancel'
  | 'tooLateToCancel'
  | 'onlyFailed';

export interface ActionState {
  instanceStatus: InstanceStatus;
  /** Status of the instance's current deployment, null before the first one. */
  deploymentStatus: DeploymentStatus | null;
  /** A previous successful deployment exists to go back to. */
  hasRollbackTarget: boolean;
}

export type Availability = { allowed: true } | { allowed: false; reason: BlockedReason };

/** States a deploy-like action (redeploy, restart, rollback) starts from, as the server has it. */
const DEPLOYABLE: readonly InstanceStatus[] = ['RUNNING', 'DEGRADED', 'FAILED'];

const ok: Availability = { allowed: true };
const no = (reason: BlockedReason): Availability => ({ allowed: false, reason });

/**
 * Mirrors the server's rules (db instance-actions) so buttons can be disabled with a reason;
 * the server still decides and answers CONFLICT when the state moved meanwhile.
 */
export function actionAvailability(action: InstanceAction, state: ActionState): Availability {
  const { instanceStatus: status, deploymentStatus } = state;
  if (status === 'DELETED') return no('deleted');
  if (action === 'delete') {
    if (status === 'DELETING') return no('deleting');
    return instanceStatusMachine.canTransition(status, 'DELETING') ? ok : no('deleting');
  }
  if (action === 'cancel') {
    if (!isDeploymentInflight(deploymentStatus)) return no('nothingToCancel');
    return deploymentStatusMachine.canTransition(deploymentStatus as DeploymentStatus, 'CANCELED')
      ? ok
      : no('tooLateToCancel');
  }
  const busy = busyReason(state);
  if (busy) return no(busy);
  if (action === 'retry') return status === 'FAILED' ? ok : no('onlyFailed');
  if (!DEPLOYABLE.includes(status)) return no('notDeployable');
  if (action === 'rollback' && !state.hasRollbackTarget) return no('noRollbackTarget');
  return ok;
}

/** One change at a time: the server answers CONFLICT to anything else while one runs. */
function busyReason({ instanceStatus, deploymentStatus }: ActionState): BlockedReason | null {
  if (instanceStatus === 'PROVISIONING') return 'provisioning';
  if (instanceStatus === 'DELETING') return 'deleting';
  if (isDeploymentInflight(deploymentStatus)) return 'inflight';
  return null;
}
