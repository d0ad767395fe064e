/**
 * POST /graphql/v2, in Railway's order: rate limit (429 + Retry-After), document validation (400),
 * injected faults, authentication (200 with "Not Authorized"), execution (200 with errors[] for
 * resolver errors, 400 when variables fail to coerce).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  execute,
  getOperationAST,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
} from 'graphql';
import type { Caller, Tokens } from './auth';
import type { Counters, RequestLogEntry } from './counters';
import type { Faults, TerminalFault } from './faults';
import { HttpError, readJson, sendJson, sendText, sleep } from './http-util';
import { rootFields } from './operations';
import type { RateLimiter } from './rate-limit';
import type { ResolverContext } from './resolvers';
import type { SimSchemas } from './schema';
import type { Store } from './state/store';

export interface GraphqlDeps {
  schemas: SimSchemas;
  store: Store;
  tokens: Tokens;
  limiter: RateLimiter | null;
  faults: Faults;
  counters: Counters;
  latencyMs: () => number;
  heartbeatMs: number;
  /** Runs `fn` after `ms` unless the simulator closes first. */
  later(ms: number, fn: () => void): void;
  /** Called after a mutation ran (state persistence). */
  onMutation(): void;
}

interface Body {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

interface Parsed {
  document: DocumentNode;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
}

function parseRequest(body: Body, deps: GraphqlDeps): Parsed {
  if (typeof body.query !== 'string') throw new HttpError(400, 'Body must have a "query" string');
  if (
    body.variables != null &&
    (typeof body.variables !== 'object' || Array.isArray(body.variables))
  ) {
    throw new HttpError(400, '"variables" must be an object');
  }
  const document = parse(body.query);
  const errors = validate(deps.schemas.validation, document);
  if (errors.length > 0) throw errors;
  return {
    document,
    variables: (body.variables ?? undefined) as Record<string, unknown> | undefined,
    operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
  };
}

function run(
  deps: GraphqlDeps,
  caller: Caller,
  request: Parsed,
): { status: number; body: ExecutionResult } {
  if (!caller.principal) {
    deps.counters.countUnauthorized();
    return { status: 200, body: { data: null, errors: [new GraphQLError('Not Authorized')] } };
  }
  const contextValue: ResolverContext = {
    store: deps.store,
    principal: caller.principal,
    heartbeatMs: deps.heartbeatMs,
  };
  const result = execute({
    schema: deps.schemas.execution,
    document: request.document,
    variableValues: request.variables,
    operationName: request.operationName,
    contextValue,
  }) as ExecutionResult; // every resolver is synchronous
  if (getOperationAST(request.document, request.operationName)?.operation === 'mutation') {
    deps.onMutation();
  }
  return { status: result.data === undefined ? 400 : 200, body: result };
}

function faultResponse(
  fault: TerminalFault,
  res: ServerResponse,
  limitHeaders: Record<string, string>,
  execute: () => void,
  deps: GraphqlDeps,
): number {
  switch (fault.kind) {
    case '5xx': {
      const status = fault.status ?? 503;
      sendText(res, status, status === 502 ? 'Bad Gateway' : 'Service Unavailable');
      return status;
    }
    case '429': {
      // The budget headers stay truthful (the real counters); only Retry-After is the fault's.
      const headers =
        fault.withHeaders === false
          ? {}
          : { ...limitHeaders, 'Retry-After': String(fault.retryAfterS ?? 1) };
      sendJson(res, 429, { errors: [{ message: 'Too Many Requests' }] }, headers);
      return 429;
    }
    case 'graphql-error':
      sendJson(
        res,
        200,
        { data: null, errors: [{ message: fault.message ?? 'Not Authorized' }] },
        limitHeaders,
      );
      return 200;
    case 'timeout':
      if (fault.applied !== false) execute();
      deps.later(fault.holdMs ?? 120_000, () => res.socket?.destroy());
      return 0;
    case 'applied-response-lost':
      execute();
      if (fault.mode === '502') {
        sendText(res, 502, 'Bad Gateway');
        return 502;
      }
      res.socket?.destroy();
      return 0;
  }
}

export async function handleGraphql(
  req: IncomingMessage,
  res: ServerResponse,
  deps: GraphqlDeps,
): Promise<void> {
  const started = Date.now();
  const caller = deps.tokens.identify(req.headers);
  const entry: RequestLogEntry = {
    at: started,
    operations: [],
    status: 0,
    tokenKind: caller.tokenKind,
    durationMs: 0,
  };
  deps.counters.countRequest();
  try {
    if (req.method !== 'POST') throw new HttpError(405, 'Use POST');
    const body = (await readJson(req)) as Body;
    const decision = deps.limiter?.check(caller.rateKey, started);
    const limitHeaders = decision?.headers ?? {};
    if (decision && !decision.allowed) {
      deps.counters.countRateLimited();
      sendJson(res, 429, { errors: [{ message: 'Rate limit exceeded' }] }, limitHeaders);
      entry.status = 429;
      return;
    }
    let request: Parsed;
    try {
      request = parseRequest(body, deps);
    } catch (error) {
      if (error instanceof HttpError) throw error;
      deps.counters.countInvalidDocument();
      const errors: unknown[] = Array.isArray(error) ? error : [error];
      const body = errors.map((e) =>
        e instanceof GraphQLError ? e.toJSON() : { message: String(e) },
      );
      sendJson(res, 400, { errors: body }, limitHeaders);
      entry.status = 400;
      return;
    }
    entry.operations = rootFields(request.document, request.operationName);
    deps.counters.countOperations(entry.operations);
    const pick = deps.faults.pick(entry.operations);
    if (pick.latencyFired) {
      entry.fault = 'latency';
      deps.counters.countFault('latency');
    }
    await sleep(deps.latencyMs() + pick.latencyMs);
    if (pick.fault) {
      entry.fault = pick.fault.kind;
      deps.counters.countFault(pick.fault.kind);
      const apply = () => void run(deps, caller, request);
      entry.status = faultResponse(pick.fault, res, limitHeaders, apply, deps);
      return;
    }
    const result = run(deps, caller, request);
    sendJson(res, result.status, result.body, limitHeaders);
    entry.status = result.status;
  } catch (error) {
    const status = error instanceof HttpError ? error.status : 500;
    sendJson(res, status, {
      errors: [{ message: error instanceof Error ? error.message : String(error) }],
    });
    entry.status = status;
  } finally {
    entry.durationMs = Date.now() - started;
    deps.counters.record(entry);
  }
}
