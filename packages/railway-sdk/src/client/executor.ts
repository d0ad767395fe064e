/**
 * Runs one GraphQL operation end to end: limiter slot → HTTP → classification → metrics, with
 * retries around it. Every client method goes through here, so these rules hold everywhere.
 */
import { RateLimitError, RoundhouseError } from '@roundhouse/core';
import type { TadaDocumentNode } from 'gql.tada';
import { Kind, type DocumentNode, print } from 'graphql';
import { classifyResult, type GraphQLAnswer, type OperationKind } from './classify';
import { parseRateLimitHeaders, type RateLimitHeaders } from './headers';
import type { MetricsRecorder } from './metrics';
import type { RateLimiter } from './rate-limiter';
import { type RetryPolicy, type Sleep, withRetry } from './retry';
import { send, type TransportConfig, type TransportResult } from './transport';

/** Per-call options every client method accepts. */
export interface CallOptions {
  /** Aborts the call, also while it waits in the rate limiter's queue or between retries. */
  signal?: AbortSignal;
  /** Overrides the client's timeout for each HTTP attempt of this call (queueing not included). */
  timeoutMs?: number;
}

export interface RawOperation {
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
  kind: OperationKind;
  /** Batches: see classifyResult. */
  tolerateNotFound?: boolean;
}

export interface ExecutorDeps {
  transport: TransportConfig;
  limiter: RateLimiter | undefined;
  retry: RetryPolicy;
  sleep: Sleep;
  random: () => number;
  now: () => number;
  metrics: MetricsRecorder;
}

/** How long everyone waits after a 429 that did not say (an edge 429 may carry no headers). */
const PAUSE_WITHOUT_RETRY_AFTER_MS = 1000;

interface PreparedDocument {
  operationName: string;
  query: string;
  kind: OperationKind;
}

const prepared = new WeakMap<DocumentNode, PreparedDocument>();

/** Text, name and read/write kind of a typed document (computed once per document). */
export function prepareDocument(document: DocumentNode): PreparedDocument {
  let entry = prepared.get(document);
  if (!entry) {
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (!operation?.name) throw new Error('Railway documents must contain one named operation');
    entry = {
      operationName: operation.name.value,
      query: print(document),
      kind: operation.operation === 'mutation' ? 'write' : 'read',
    };
    prepared.set(document, entry);
  }
  return entry;
}

/**
 * What an answer teaches the limiter. A 429's Remaining is 0 for whichever window tripped; its
 * Retry-After is the authoritative "come back then" (see `pause`), so it teaches nothing here.
 */
function budgetHeaders(result: TransportResult, now: number): RateLimitHeaders | undefined {
  if (result.kind !== 'response' || result.status === 429) return undefined;
  return parseRateLimitHeaders(result.headers, now);
}

export class Executor {
  constructor(private readonly deps: ExecutorDeps) {}

  /** Runs a typed document and returns its data; any GraphQL error fails the call. */
  async request<TResult, TVariables>(
    document: TadaDocumentNode<TResult, TVariables>,
    variables: TVariables,
    options: CallOptions = {},
  ): Promise<TResult> {
    const operation = {
      ...prepareDocument(document),
      variables: variables as Record<string, unknown>,
    };
    const { data } = await this.execute(operation, options);
    return data as TResult;
  }

  async execute(operation: RawOperation, options: CallOptions = {}): Promise<GraphQLAnswer> {
    const { metrics } = this.deps;
    return withRetry(
      (attempt) => this.attempt(operation, attempt, options),
      operation.kind,
      this.deps.retry,
      {
        sleep: this.deps.sleep,
        random: this.deps.random,
        ...(options.signal ? { signal: options.signal } : {}),
        onRetry: ({ attempt, delayMs, error }) =>
          metrics.emit({
            type: 'retry',
            operation: operation.operationName,
            attempt,
            delayMs,
            errorClass: error.errorClass,
          }),
      },
    );
  }

  private async attempt(
    operation: RawOperation,
    attempt: number,
    options: CallOptions,
  ): Promise<GraphQLAnswer> {
    const { limiter, metrics, now } = this.deps;
    const { operationName, kind } = operation;
    const grant = limiter ? await limiter.acquire(options.signal) : undefined;
    if (grant && grant.waitedMs > 0) {
      metrics.emit({ type: 'limiter-wait', operation: operationName, waitMs: grant.waitedMs });
    }
    const started = now();
    let result: TransportResult;
    try {
      const payload = { query: operation.query, variables: operation.variables, operationName };
      result = await send(this.deps.transport, payload, options);
    } catch (abort) {
      if (grant) limiter?.release(grant);
      throw abort;
    }
    if (grant) limiter?.release(grant, budgetHeaders(result, now()));
    const context = { operation: operationName, kind, now: now() };
    const outcome = classifyResult(result, context, operation);
    const error = outcome instanceof RoundhouseError ? outcome : undefined;

    metrics.emit({
      type: 'request',
      operation: operationName,
      kind,
      attempt,
      durationMs: context.now - started,
      outcome: error ? error.errorClass : 'ok',
      ...(result.kind === 'response' ? { status: result.status } : {}),
    });
    if (error instanceof RateLimitError) {
      const retryAfterMs = error.retryAfterMs;
      metrics.emit({
        type: 'rate-limited',
        operation: operationName,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
      limiter?.pause(retryAfterMs ?? PAUSE_WITHOUT_RETRY_AFTER_MS);
    }
    if (limiter) metrics.emit({ type: 'budget', state: limiter.state() });
    if (error) throw error;
    return outcome as GraphQLAnswer;
  }
}
