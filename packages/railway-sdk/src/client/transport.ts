/**
 * One HTTP round trip to Railway's GraphQL endpoint. It only moves bytes: deciding what a status
 * or an `errors[]` means is classify.ts's job, so every failure is classified in one place.
 */

export type TokenKind = 'workspace' | 'account' | 'project';

export interface TransportConfig {
  endpoint: string;
  token: string;
  tokenKind: TokenKind;
  fetch: typeof fetch;
  timeoutMs: number;
}

export interface GraphQLPayload {
  query: string;
  variables: Record<string, unknown>;
  operationName: string;
}

export type TransportResult =
  | { kind: 'response'; status: number; headers: Headers; body: unknown }
  /** The request may or may not have reached Railway; `connectFailed` means it surely did not. */
  | { kind: 'network'; cause: unknown; connectFailed: boolean }
  | { kind: 'timeout'; cause: unknown };

/** Workspace and account tokens are bearer tokens; project tokens have their own header. */
export function authHeaders(token: string, tokenKind: TokenKind): Record<string, string> {
  return tokenKind === 'project'
    ? { 'Project-Access-Token': token }
    : { Authorization: `Bearer ${token}` };
}

const CONNECT_FAILURES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  // undici wraps the socket error: TypeError('fetch failed', { cause: { code } }).
  for (let depth = 0; depth < 4 && current instanceof Object; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Sends one request. Rejects only when the caller's own signal aborts (with its reason), so a
 * cancelled job is not mistaken for a Railway failure.
 */
export async function send(
  config: TransportConfig,
  payload: GraphQLPayload,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<TransportResult> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? config.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const response = await config.fetch(config.endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        ...authHeaders(config.token, config.tokenKind),
      },
      body: JSON.stringify(payload),
      signal,
    });
    const body = await readBody(response);
    return { kind: 'response', status: response.status, headers: response.headers, body };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (timeout.aborted) return { kind: 'timeout', cause: error };
    const code = errorCode(error);
    return {
      kind: 'network',
      cause: error,
      connectFailed: code !== undefined && CONNECT_FAILURES.has(code),
    };
  }
}
