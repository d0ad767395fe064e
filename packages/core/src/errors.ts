/**
 * The error classes of the specification (seed 000 "错误分类"): every failure that crosses a
 * package boundary is one of these, so workers can decide "retry or give up" from the class
 * alone and admins can group failures by it (deployments.error_class).
 */
export const ERROR_CLASSES = [
  'CONFIGURATION',
  'NETWORK',
  'AUTHENTICATION',
  'RESOURCE',
  'RATE_LIMIT',
  'TIMEOUT',
  'UNKNOWN',
] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/** Finer reason inside a class, e.g. a RESOURCE error that is a missing object vs a bad input. */
export type ErrorReason =
  'NOT_FOUND' | 'INVALID' | 'CONFLICT' | 'QUOTA' | 'SERVER' | 'ILLEGAL_TRANSITION';

export interface RoundhouseErrorOptions {
  cause?: unknown;
  reason?: ErrorReason;
  /** A write whose outcome is unknown (timeout, lost response): look before doing it again. */
  mayHaveBeenApplied?: boolean;
  details?: Record<string, unknown>;
}

export abstract class RoundhouseError extends Error {
  abstract readonly errorClass: ErrorClass;
  abstract readonly retryable: boolean;
  readonly reason: ErrorReason | undefined;
  readonly mayHaveBeenApplied: boolean;
  readonly details: Record<string, unknown> | undefined;

  constructor(message: string, options: RoundhouseErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.reason = options.reason;
    this.mayHaveBeenApplied = options.mayHaveBeenApplied ?? false;
    this.details = options.details;
  }
}

/** Missing or invalid configuration (env, template, catalog): retrying will not help. */
export class ConfigurationError extends RoundhouseError {
  readonly errorClass = 'CONFIGURATION' as const;
  readonly retryable = false;
}

/** Connection refused/reset, DNS, 5xx from an upstream: usually gone on the next attempt. */
export class NetworkError extends RoundhouseError {
  readonly errorClass = 'NETWORK' as const;
  readonly retryable = true;
}

/** The credentials were refused (Railway "Not Authorized", bad token). */
export class AuthenticationError extends RoundhouseError {
  readonly errorClass = 'AUTHENTICATION' as const;
  readonly retryable = false;
}

/** The thing asked for is missing, invalid, conflicting or over quota. */
export class ResourceError extends RoundhouseError {
  readonly errorClass = 'RESOURCE' as const;
  readonly retryable = false;
}

export class RateLimitError extends RoundhouseError {
  readonly errorClass = 'RATE_LIMIT' as const;
  readonly retryable = true;
  /** How long the upstream asked us to wait, when it said so (Retry-After). */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: RoundhouseErrorOptions & { retryAfterMs?: number } = {}) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}

export class TimeoutError extends RoundhouseError {
  readonly errorClass = 'TIMEOUT' as const;
  readonly retryable = true;
}

export class UnknownError extends RoundhouseError {
  readonly errorClass = 'UNKNOWN' as const;
  readonly retryable = true;
}

export function isRoundhouseError(error: unknown): error is RoundhouseError {
  return error instanceof RoundhouseError;
}

/** Any thrown value as a RoundhouseError; foreign errors become UNKNOWN with the original as cause. */
export function toRoundhouseError(error: unknown): RoundhouseError {
  if (isRoundhouseError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new UnknownError(message, { cause: error });
}
