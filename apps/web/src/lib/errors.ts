import { TRPCClientError } from '@trpc/client';
import type { T } from '../i18n';

const LOCALIZED = {
  UNAUTHORIZED: 'common.error.UNAUTHORIZED',
  FORBIDDEN: 'common.error.FORBIDDEN',
  NOT_FOUND: 'common.error.NOT_FOUND',
  CONFLICT: 'common.error.CONFLICT',
  TOO_MANY_REQUESTS: 'common.error.TOO_MANY_REQUESTS',
  TIMEOUT: 'common.error.TIMEOUT',
} as const;

/** Codes whose server message is written for the user (validation, business rules). */
const SERVER_MESSAGE_CODES = new Set([
  'BAD_REQUEST',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'UNPROCESSABLE_CONTENT',
]);

function codeOf(error: unknown): string | undefined {
  if (error instanceof TRPCClientError) {
    return (error.data as { code?: string } | null | undefined)?.code;
  }
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const status = (error as { status?: number }).status;
    if (status === 401) return 'UNAUTHORIZED';
    if (status === 403) return 'FORBIDDEN';
    if (status === 404) return 'NOT_FOUND';
    if (status === 409) return 'CONFLICT';
    if (status === 429) return 'TOO_MANY_REQUESTS';
  }
  return undefined;
}

/** Validation failures carry field issues; tRPC's own message for them is raw JSON. */
function readableServerMessage(error: unknown): string {
  if (!(error instanceof Error)) return '';
  const issues = (error as TRPCClientError<never>).data as
    { zodIssues?: { path: (string | number)[]; message: string }[] } | undefined;
  if (issues?.zodIssues?.length) {
    return issues.zodIssues
      .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
      .join('; ');
  }
  return error.message.trim().startsWith('[') ? '' : error.message;
}

function isNetworkFailure(error: unknown): boolean {
  // fetch rejects with a TypeError when the server cannot be reached at all.
  const cause = error instanceof TRPCClientError ? error.cause : error;
  return cause instanceof TypeError && !(error instanceof TRPCClientError && error.data);
}

/**
 * A readable, localized message for any error a query, mutation or auth call may produce:
 * known codes get our wording, BAD_REQUEST-like codes keep the server's (already readable)
 * message, everything else a generic sentence. Never a stack or internal detail.
 */
export function errorMessage(error: unknown, t: T): string {
  const code = codeOf(error);
  const serverMessage = code && SERVER_MESSAGE_CODES.has(code) ? readableServerMessage(error) : '';
  if (serverMessage) return serverMessage;
  if (code && code in LOCALIZED) {
    // A rate limit message from the server carries the wait ("try again in 12 s").
    if (
      code === 'TOO_MANY_REQUESTS' &&
      error instanceof TRPCClientError &&
      /\d/.test(error.message)
    ) {
      return error.message;
    }
    return t(LOCALIZED[code as keyof typeof LOCALIZED]);
  }
  if (isNetworkFailure(error)) return t('common.error.NETWORK');
  return t('common.error.UNKNOWN');
}
