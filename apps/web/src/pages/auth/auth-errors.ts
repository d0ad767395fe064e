import type { T } from '../../i18n';
import { errorMessage } from '../../lib/errors';

/** What better-auth's client returns in `error`, plus the X-Retry-After we read off a 429. */
export interface AuthFailure {
  status?: number;
  code?: string;
  message?: string;
  retryAfterSeconds?: number;
}

const CODE_MESSAGES = {
  INVALID_EMAIL_OR_PASSWORD: 'auth.error.wrongCredentials',
  USER_ALREADY_EXISTS: 'auth.error.emailTaken',
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: 'auth.error.emailTaken',
  INVALID_TOKEN: 'auth.error.invalidToken',
  BANNED_USER: 'auth.error.banned',
} as const;

/** A readable, localized sentence for a failed sign-in/up/reset; the wait when rate limited. */
export function authErrorMessage(failure: AuthFailure, t: T): string {
  if (failure.status === 429) {
    return failure.retryAfterSeconds !== undefined
      ? t('auth.error.rateLimited', { seconds: failure.retryAfterSeconds })
      : t('common.error.TOO_MANY_REQUESTS');
  }
  if (failure.code && failure.code in CODE_MESSAGES) {
    return t(CODE_MESSAGES[failure.code as keyof typeof CODE_MESSAGES]);
  }
  // Other 4xx from better-auth carry a readable English message (e.g. "Password too short").
  if (failure.status && failure.status < 500 && failure.message) return failure.message;
  return errorMessage(failure, t);
}

/** better-auth fetch options that remember the server's X-Retry-After of a 429. */
export function captureRetryAfter(): {
  fetchOptions: { onError: (context: { response: Response }) => void };
  retryAfter: () => number | undefined;
} {
  let seconds: number | undefined;
  return {
    fetchOptions: {
      onError: ({ response }) => {
        const header = Number(response.headers.get('x-retry-after'));
        seconds = Number.isFinite(header) && header > 0 ? Math.ceil(header) : undefined;
      },
    },
    retryAfter: () => seconds,
  };
}
