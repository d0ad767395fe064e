import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake Stripe API received it: form bodies decoded, query parsed. */
export interface StripeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  contentType: string;
  form: URLSearchParams;
}

export type StripeAnswer = { status?: number; body: unknown };
export type StripeRoute = (request: StripeRequest) => StripeAnswer | undefined;

export const FAKE_SECRET_KEY = 'sk_test_roundhouse_fake';

/**
 * A loopback server speaking Stripe's REST shapes (DESIGN §9: no test reaches the network):
 * form-encoded bodies, Bearer auth, JSON answers, `{ error: { type, code, message } }` on
 * failure. Each route answers the requests it knows; anything else is a 404 like Stripe's.
 */
export async function startFakeStripe(route: StripeRoute) {
  const requests: StripeRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const request: StripeRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        contentType: req.headers['content-type'] ?? '',
        form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
      };
      requests.push(request);
      const answer =
        req.headers.authorization !== `Bearer ${FAKE_SECRET_KEY}`
          ? stripeError(401, 'invalid_request_error', 'Invalid API Key provided')
          : (route(request) ??
            stripeError(404, 'invalid_request_error', 'No such resource', 'resource_missing'));
      res.writeHead(answer.status ?? 200, {
        'content-type': 'application/json',
        'request-id': 'req_fake',
      });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiBase: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function stripeError(
  status: number,
  type: string,
  message: string,
  code?: string,
): StripeAnswer {
  return { status, body: { error: { type, message, ...(code ? { code } : {}) } } };
}
