import type { RoundhouseError } from '@roundhouse/core';
import type { TaskContext } from '../define-task';

/**
 * True when this failure is the end of the road: its class says a retry cannot help
 * (CONFIGURATION, AUTHENTICATION, RESOURCE), or this was the job's last attempt — graphile's
 * max_attempts or MAX_DEPLOYMENT_ATTEMPTS, whichever comes first. Then the task records the
 * failure (and compensates) instead of throwing it back for another run.
 */
export function isFinalFailure(ctx: TaskContext, error: RoundhouseError): boolean {
  return !error.retryable || ctx.isLastAttempt || ctx.attempt >= ctx.config.maxDeploymentAttempts;
}
