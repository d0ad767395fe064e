import {
  AuthenticationError,
  RateLimitError,
  ResourceError,
  isRoundhouseError,
  type ErrorReason,
} from '@roundhouse/core';
import { TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';

const INTERNAL = 'Internal server error';

const RESOURCE_CODES: Partial<Record<ErrorReason, TRPC_ERROR_CODE_KEY>> = {
  NOT_FOUND: 'NOT_FOUND',
  INVALID: 'BAD_REQUEST',
  ILLEGAL_TRANSITION: 'BAD_REQUEST',
  // Over a plan limit is something the caller can fix (remove a channel, upgrade).
  QUOTA: 'BAD_REQUEST',
  CONFLICT: 'CONFLICT',
};

/**
 * The tRPC error a thrown value becomes. Domain errors from core keep their message (it was
 * written for the caller); anything else becomes INTERNAL_SERVER_ERROR, whose message and stack
 * the error formatter hides, so SQL and internals never reach a client.
 */
export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (!isRoundhouseError(error)) {
    return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: INTERNAL, cause: error });
  }
  const code = codeFor(error);
  return new TRPCError({
    code,
    message: code === 'INTERNAL_SERVER_ERROR' ? INTERNAL : error.message,
    cause: error,
  });
}

function codeFor(error: unknown): TRPC_ERROR_CODE_KEY {
  if (error instanceof ResourceError) {
    return (error.reason && RESOURCE_CODES[error.reason]) ?? 'INTERNAL_SERVER_ERROR';
  }
  if (error instanceof AuthenticationError) return 'UNAUTHORIZED';
  if (error instanceof RateLimitError) return 'TOO_MANY_REQUESTS';
  return 'INTERNAL_SERVER_ERROR';
}
