import {
  AuthenticationError,
  NetworkError,
  RateLimitError,
  ResourceError,
  type RoundhouseError,
  UnknownError,
} from '@roundhouse/core';
import Stripe from 'stripe';

/**
 * Runs one Stripe API call and turns the SDK's errors into core's classes, so jobs decide on
 * retrying the same way for every provider. A lost connection may have reached Stripe: our
 * Idempotency-Key makes asking again safe, and the error says so (mayHaveBeenApplied).
 */
export async function stripeCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw error instanceof Stripe.errors.StripeError ? coreError(what, error) : error;
  }
}

function coreError(what: string, error: Stripe.errors.StripeError): RoundhouseError {
  const message = `Stripe ${what} failed: ${error.message}`;
  const options = { cause: error };
  // Another request with our Idempotency-Key is still running at Stripe (409): its outcome,
  // not a refusal of ours, decides; ask again later with the same key.
  if (error.statusCode === 409 || error.code === 'idempotency_key_in_use') {
    return new NetworkError(message, { ...options, mayHaveBeenApplied: true });
  }
  switch (error.type) {
    case 'StripeConnectionError':
      return new NetworkError(message, { ...options, mayHaveBeenApplied: true });
    case 'StripeAuthenticationError':
    case 'StripePermissionError':
      return new AuthenticationError(message, options);
    case 'StripeRateLimitError':
      return new RateLimitError(message, { ...options, retryAfterMs: retryAfterMs(error) });
    case 'StripeInvalidRequestError':
    case 'StripeCardError':
    case 'StripeIdempotencyError':
      return new ResourceError(message, {
        ...options,
        reason: error.statusCode === 404 ? 'NOT_FOUND' : 'INVALID',
      });
    default:
      // StripeAPIError (5xx) and anything newer: Stripe's side, worth another try.
      return new UnknownError(message, { ...options, reason: 'SERVER', mayHaveBeenApplied: true });
  }
}

function retryAfterMs(error: Stripe.errors.StripeError): number | undefined {
  const seconds = Number(error.headers?.['retry-after']);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}
