import type { ErrorClass } from '@roundhouse/core';

/** What one HTTP check of an instance saw; stored as `instances.last_health`. */
export interface ProbeResult {
  ok: boolean;
  /** The health path asked (the template's healthcheckPath, else /healthz). */
  path: string;
  /** HTTP status of the health request; null when no answer came. */
  status: number | null;
  latencyMs: number;
  /** Why it failed, when it did (never a response body: it could carry anything). */
  error?: string;
  errorClass?: ErrorClass;
  /** The smoke request (GET /), when one was made. */
  smoke?: { status: number | null; ok: boolean };
}

export const DEFAULT_HEALTH_PATH = '/healthz';

export interface ProbeInput {
  /** The instance's public URL (`https://<domain>`). */
  baseUrl: string;
  path?: string | null | undefined;
  timeoutMs: number;
  /** Also GET / and require an answer below 500 (what an operator's smoke test does first). */
  smoke?: boolean;
}

/**
 * GET <baseUrl><path> with a timeout: healthy on a 2xx. With `smoke`, a healthy instance is also
 * asked for its front page, which must answer without a server error. Never throws.
 */
export async function probeInstance(
  fetchFn: typeof fetch,
  input: ProbeInput,
): Promise<ProbeResult> {
  const path = validPath(input.path);
  const started = performance.now();
  const health = await request(fetchFn, joinUrl(input.baseUrl, path), input.timeoutMs);
  const base = { path, status: health.status, latencyMs: Math.round(performance.now() - started) };
  if (health.status === null || health.status < 200 || health.status > 299) {
    return {
      ...base,
      ok: false,
      error: health.error ?? `health check answered HTTP ${health.status}`,
      errorClass: health.errorClass ?? 'RESOURCE',
    };
  }
  if (!input.smoke) return { ...base, ok: true };
  const smoke = await request(fetchFn, joinUrl(input.baseUrl, '/'), input.timeoutMs);
  const smokeOk = smoke.status !== null && smoke.status < 500;
  return {
    ...base,
    ok: smokeOk,
    smoke: { status: smoke.status, ok: smokeOk },
    ...(!smokeOk && {
      error: smoke.error ?? `smoke request GET / answered HTTP ${smoke.status}`,
      errorClass: smoke.errorClass ?? 'RESOURCE',
    }),
  };
}

interface Answer {
  status: number | null;
  error?: string;
  errorClass?: ErrorClass;
}

async function request(fetchFn: typeof fetch, url: string, timeoutMs: number): Promise<Answer> {
  try {
    const response = await fetchFn(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { 'user-agent': 'roundhouse-health-check' },
    });
    // Free the socket; the body is not needed.
    await response.body?.cancel().catch(() => {});
    return { status: response.status };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      return { status: null, error: `no answer within ${timeoutMs} ms`, errorClass: 'TIMEOUT' };
    }
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const code = (cause as { code?: unknown } | undefined)?.code;
    return {
      status: null,
      error: `unreachable${typeof code === 'string' ? ` (${code})` : ''}`,
      errorClass: 'NETWORK',
    };
  }
}

function validPath(path: string | null | undefined): string {
  return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//')
    ? path
    : DEFAULT_HEALTH_PATH;
}

function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}
