import type { ErrorClass, RoundhouseError } from '@roundhouse/core';
import type { Redactor } from '@roundhouse/crypto';

/** What an admin should look at for each error class (seed 000 错误分类). */
const HINTS: Readonly<Record<ErrorClass, string>> = {
  CONFIGURATION:
    'Fix the configuration named above (worker RAILWAY_* settings, the template project, or the ' +
    "customer's channel credentials), then retry the instance.",
  AUTHENTICATION:
    'Railway refused the token: check RAILWAY_API_TOKEN and that it may create projects in ' +
    'RAILWAY_WORKSPACE_ID (a project token cannot), then retry.',
  RESOURCE:
    'Railway refused the request (missing, invalid or over quota); check the Railway workspace ' +
    'and its plan limits, then retry.',
  NETWORK: 'Railway was unreachable or failing; retry once Railway is healthy.',
  TIMEOUT: 'Railway did not answer in time; retry once Railway is healthy.',
  RATE_LIMIT:
    'Railway kept rate-limiting the token; retry later or move the token to a higher plan.',
  UNKNOWN: 'Unexpected failure; see the worker logs for this instance, then retry.',
};

export function adminHint(errorClass: ErrorClass): string {
  return HINTS[errorClass];
}

/** `[CLASS] message`, redacted, for error_message columns and alerts. */
export function describeError(error: RoundhouseError, redactor: Redactor): string {
  return `[${error.errorClass}] ${redactor(error.message)}`;
}

/**
 * Redacts a failure in place before it leaves the task: graphile-worker stores the message of a
 * thrown error on the job row (`last_error`) and logs its stack.
 */
export function redactError<E extends Error>(error: E, redactor: Redactor): E {
  error.message = redactor(error.message);
  if (error.stack) error.stack = redactor(error.stack);
  return error;
}
