/**
 * Maps everything Railway can answer onto core's error classes (DESIGN §4, seed 000 错误分类).
 *
 * Decisions worth knowing:
 * - A document or input Railway rejects (HTTP 400, GraphQL validation, "invalid …" resolver
 *   errors) is a ResourceError with reason INVALID: the request was refused and nothing changed.
 *   ConfigurationError is kept for problems in *our* setup (wrong endpoint → HTTP 404, bad client
 *   options), which no retry or different input can fix.
 * - On a write, anything that leaves the outcome unknown (timeout, lost connection, 5xx, an
 *   unrecognised resolver error) carries `mayHaveBeenApplied: true`: the caller must look before
 *   doing it again. A 429, a 400, a refused connection and a recognised resolver refusal are
 *   known-not-applied.
 */
import {
  AuthenticationError,
  ConfigurationError,
  NetworkError,
  RateLimitError,
  ResourceError,
  type RoundhouseError,
  type RoundhouseErrorOptions,
  TimeoutError,
  UnknownError,
} from '@roundhouse/core';
import { parseRetryAfter } from './headers';
import type { TransportResult } from './transport';

export type OperationKind = 'read' | 'write';

export interface GraphQLErrorLike {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: unknown } & Record<string, unknown>;
}

export interface ClassifyContext {
  operation: string;
  kind: OperationKind;
  now: number;
}

/** A GraphQL answer the caller can use. */
export interface GraphQLAnswer {
  /** Null only with `tolerateNotFound`, when a missing object nulled the whole response. */
  data: Record<string, unknown> | null;
  errors: GraphQLErrorLike[];
}

type Parsed =
  | { ok: true; data: Record<string, unknown> | null; errors: GraphQLErrorLike[] }
  | { ok: false; error: RoundhouseError };

type Rule = {
  test: RegExp;
  codes?: readonly string[];
  make: (message: string, options: RoundhouseErrorOptions) => RoundhouseError;
};

// Order matters: the first rule whose message pattern or extension code matches wins.
const GRAPHQL_RULES: readonly Rule[] = [
  {
    test: /not authori[sz]ed|unauthori[sz]ed|unauthenticated|forbidden|invalid (api |project )?token|permission denied|access denied/i,
    codes: ['UNAUTHENTICATED', 'FORBIDDEN'],
    make: (m, o) => new AuthenticationError(m, o),
  },
  {
    test: /not found|does not exist|no such/i,
    codes: ['NOT_FOUND'],
    make: (m, o) => new ResourceError(m, { ...o, reason: 'NOT_FOUND' }),
  },
  {
    test: /rate.?limit|too many requests/i,
    codes: ['RATE_LIMITED', 'TOO_MANY_REQUESTS'],
    make: (m, o) => new RateLimitError(m, o),
  },
  {
    test: /already exists|already taken|duplicate/i,
    make: (m, o) => new ResourceError(m, { ...o, reason: 'CONFLICT' }),
  },
  {
    test: /cannot (be )?(roll ?back|rolled back|redeploy|restart|cancel|stop)|not (roll ?backable|redeployable)|already (finished|completed|cancell?ed|stopped)/i,
    make: (m, o) => new ResourceError(m, { ...o, reason: 'ILLEGAL_TRANSITION' }),
  },
  {
    test: /quota|usage limit|plan limit|upgrade your plan|resource limit/i,
    make: (m, o) => new ResourceError(m, { ...o, reason: 'QUOTA' }),
  },
  {
    test: /invalid|must be|is required|cannot be|not allowed|validation|unknown (argument|field)|expected type/i,
    codes: ['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT'],
    make: (m, o) => new ResourceError(m, { ...o, reason: 'INVALID' }),
  },
];

// A resolver failing for reasons of its own: worth another try, outcome of a write unknown.
const TRANSIENT =
  /internal server error|timed? ?out|temporar|try again|unavailable|bad gateway|ECONNRESET/i;

function detailsOf(context: ClassifyContext, extra: Record<string, unknown>) {
  // Never the variables: they carry customer credentials.
  return { operation: context.operation, kind: context.kind, ...extra };
}

/** The error a GraphQL `errors[]` stands for (classified by its first entry). */
export function classifyGraphQLErrors(
  errors: readonly GraphQLErrorLike[],
  context: ClassifyContext,
  status = 200,
): RoundhouseError {
  const first = errors[0] ?? { message: 'Railway returned an empty errors[]' };
  const code = typeof first.extensions?.code === 'string' ? first.extensions.code : undefined;
  const message = `${context.operation}: ${first.message}`;
  const details = detailsOf(context, {
    status,
    messages: errors.map((error) => error.message),
    ...(code ? { code } : {}),
  });
  const rule = GRAPHQL_RULES.find(
    (r) => r.test.test(first.message) || (code && r.codes?.includes(code)),
  );
  if (rule) return rule.make(message, { details });
  const mayHaveBeenApplied = context.kind === 'write';
  if (TRANSIENT.test(first.message)) {
    return new NetworkError(message, { reason: 'SERVER', mayHaveBeenApplied, details });
  }
  return new UnknownError(message, { mayHaveBeenApplied, details });
}

function graphQLErrorsOf(body: unknown): GraphQLErrorLike[] {
  if (typeof body !== 'object' || body === null) return [];
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors.map((error: unknown) => {
    const record = (typeof error === 'object' && error !== null ? error : {}) as GraphQLErrorLike;
    return {
      ...record,
      message: typeof record.message === 'string' ? record.message : String(error),
    };
  });
}

function classifyStatus(
  result: Extract<TransportResult, { kind: 'response' }>,
  context: ClassifyContext,
): RoundhouseError {
  const { status, headers, body } = result;
  const errors = graphQLErrorsOf(body);
  const said = errors[0]?.message ?? (typeof body === 'string' ? body.slice(0, 200) : '');
  const message = `${context.operation}: HTTP ${status}${said ? ` ${said}` : ''}`;
  const details = detailsOf(context, { status, messages: errors.map((e) => e.message) });
  const unknownOutcome = context.kind === 'write';
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers, context.now);
    return new RateLimitError(message, {
      details,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status === 401 || status === 403) return new AuthenticationError(message, { details });
  if (status === 404) {
    return new ConfigurationError(`${message} (is the Railway endpoint URL right?)`, { details });
  }
  if (status === 408)
    return new TimeoutError(message, { mayHaveBeenApplied: unknownOutcome, details });
  if (status >= 500) {
    return new NetworkError(message, {
      reason: 'SERVER',
      mayHaveBeenApplied: unknownOutcome,
      details,
    });
  }
  if (status >= 400) return new ResourceError(message, { reason: 'INVALID', details });
  // A 2xx that is not a GraphQL response: a proxy page or a truncated body.
  return new NetworkError(`${context.operation}: Railway sent a response that is not GraphQL`, {
    reason: 'SERVER',
    mayHaveBeenApplied: unknownOutcome,
    details,
  });
}

function parse(result: TransportResult, context: ClassifyContext): Parsed {
  const unknownOutcome = context.kind === 'write';
  if (result.kind === 'timeout') {
    const error = new TimeoutError(`${context.operation}: Railway did not answer in time`, {
      cause: result.cause,
      mayHaveBeenApplied: unknownOutcome,
      details: detailsOf(context, {}),
    });
    return { ok: false, error };
  }
  if (result.kind === 'network') {
    const error = new NetworkError(`${context.operation}: could not reach Railway`, {
      cause: result.cause,
      mayHaveBeenApplied: unknownOutcome && !result.connectFailed,
      details: detailsOf(context, { connectFailed: result.connectFailed }),
    });
    return { ok: false, error };
  }
  const body = result.body as { data?: unknown } | undefined;
  const data = typeof body === 'object' && body !== null ? body.data : undefined;
  const errors = graphQLErrorsOf(result.body);
  if (result.status >= 200 && result.status < 300) {
    if (typeof data === 'object' && data !== null) {
      return { ok: true, data: data as Record<string, unknown>, errors };
    }
    if (errors.length > 0) return { ok: true, data: null, errors };
  }
  return { ok: false, error: classifyStatus(result, context) };
}

function isAliasNotFound(error: GraphQLErrorLike, context: ClassifyContext): boolean {
  return (
    typeof error.path?.[0] === 'string' &&
    classifyGraphQLErrors([error], context).reason === 'NOT_FOUND'
  );
}

/**
 * What one transport result means to the caller: the answer, or the error to fail with. With
 * `tolerateNotFound` (batches), errors that each say "not found" for one alias (`path[0]`) are
 * returned with the data so the caller can report those objects as missing; any other error fails.
 */
export function classifyResult(
  result: TransportResult,
  context: ClassifyContext,
  options: { tolerateNotFound?: boolean } = {},
): GraphQLAnswer | RoundhouseError {
  const parsed = parse(result, context);
  if (!parsed.ok) return parsed.error;
  const { data, errors } = parsed;
  if (errors.length === 0) return { data, errors };
  const tolerated =
    options.tolerateNotFound === true && errors.every((error) => isAliasNotFound(error, context));
  return tolerated ? { data, errors } : classifyGraphQLErrors(errors, context);
}
