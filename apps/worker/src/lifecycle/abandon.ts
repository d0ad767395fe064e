import { deploymentStatusMachine } from '@roundhouse/core';
import type { Database } from '@roundhouse/db';
import { closeDeployment, inflightDeployments } from '@roundhouse/db/repositories/worker-instances';
import type { Transaction } from 'kysely';

/**
 * Closes the instance's in-flight deployments when it is suspended or deleted, so the monitor and
 * the reaper stop watching them: CANCELED where the machine allows, FAILED past the point of
 * cancelling (HEALTH_CHECK), both with `reason`.
 */
export async function abandonInflight(
  trx: Transaction<Database>,
  input: { instanceId: string; reason: string; now: Date },
): Promise<void> {
  for (const deployment of await inflightDeployments(trx, input.instanceId)) {
    const status = deploymentStatusMachine.canTransition(deployment.status, 'CANCELED')
      ? 'CANCELED'
      : 'FAILED';
    await closeDeployment(trx, {
      deploymentId: deployment.id,
      status,
      now: input.now,
      errorMessage: input.reason,
    });
  }
}
