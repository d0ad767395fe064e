import {
  AuthenticationError,
  NetworkError,
  RateLimitError,
  ResourceError,
  TimeoutError,
} from '@roundhouse/core';
import { NotificationRejectedError } from '../adapter';
import type { WechatpayKeySet } from './wechatpay-keys';
import {
  authorizationHeader,
  type MerchantSigner,
  verifyWechatpaySignature,
} from './wechatpay-signature';

export const WECHATPAY_API_BASE = 'https://api.mch.weixin.qq.com';
const TIMEOUT_MS = 10_000;

export interface WechatpayClientConfig extends MerchantSigner {
  /** Default https://api.mch.weixin.qq.com; tests point it at a loopback server. */
  apiBase?: string;
  /** Verifies the responses (WeChat Pay signs them like notifications). */
  keys: WechatpayKeySet;
  now?: () => Date;
}

/** A verified answer: 2xx, or a 4xx error WeChat Pay signed (`code`, `message`). */
export interface WechatpayResponse {
  status: number;
  body: Record<string, unknown>;
}

/**
 * One signed call to the WeChat Pay v3 API. The response's signature is checked before its
 * body is believed (a forged "ORDER_NOT_EXIST" could close a paid order). Failures become core
 * errors: 5xx/unreachable NETWORK (a POST may have been applied), 429 RATE_LIMIT, timeouts
 * TIMEOUT, a refused signature AUTHENTICATION. 4xx answers are returned for the caller to read.
 */
export async function wechatpayRequest(
  config: WechatpayClientConfig,
  method: 'GET' | 'POST',
  pathWithQuery: string,
  payload?: Record<string, unknown>,
): Promise<WechatpayResponse> {
  const body = payload === undefined ? '' : JSON.stringify(payload);
  const now = config.now ?? (() => new Date());
  const what = `WeChat Pay ${method} ${pathWithQuery.split('?')[0]}`;
  const mayHaveBeenApplied = method === 'POST';
  let response: Response;
  try {
    response = await fetch(new URL(pathWithQuery, config.apiBase ?? WECHATPAY_API_BASE), {
      method,
      headers: {
        accept: 'application/json',
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        authorization: authorizationHeader(config, { method, pathWithQuery, body }, now()),
        'user-agent': 'roundhouse-payments',
      },
      ...(payload === undefined ? {} : { body }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    const Failure = timedOut ? TimeoutError : NetworkError;
    throw new Failure(`${what}: ${timedOut ? 'timed out' : 'unreachable'}`, {
      cause: error,
      mayHaveBeenApplied,
    });
  }
  const text = await response.text();
  if (response.status >= 500) {
    throw new NetworkError(`${what}: ${response.status}`, { reason: 'SERVER', mayHaveBeenApplied });
  }
  if (response.status === 429) {
    throw new RateLimitError(`${what}: rate limited`, { mayHaveBeenApplied });
  }
  try {
    verifyWechatpaySignature(config.keys, Object.fromEntries(response.headers), text, now());
  } catch (error) {
    const detail = error instanceof NotificationRejectedError ? error.message : 'unverifiable';
    throw new AuthenticationError(`${what}: response not signed by WeChat Pay (${detail})`, {
      cause: error,
      mayHaveBeenApplied,
    });
  }
  const parsed = parseObject(text);
  if (response.status === 401) {
    throw new AuthenticationError(`${what}: ${String(parsed.message ?? 'signature refused')}`);
  }
  return { status: response.status, body: parsed };
}

/** The `code message` of a WeChat Pay error answer, for error messages. */
export function wechatpayError(what: string, response: WechatpayResponse): ResourceError {
  // Errors carry code/message; a refund that did not happen answers 200 with its status.
  const { code, message, status } = response.body;
  return new ResourceError(
    `${what} failed: ${response.status} ${String(code ?? status ?? '')} ${String(message ?? '')}`.trim(),
    { reason: 'INVALID', details: { code, status: response.status } },
  );
}

function parseObject(text: string): Record<string, unknown> {
  if (text === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // Falls through: a signed answer that is not a JSON object is still not one we can read.
  }
  throw new ResourceError('WeChat Pay answered something that is not a JSON object');
}
