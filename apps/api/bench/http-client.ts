import http from 'node:http';

/**
 * The benches' HTTP client: node:http over kept-alive connections. The clients share the machine's
 * two cores with the server and Postgres; fetch (undici) cost them ~1 ms of CPU per request, as
 * much as half the server's, and would have taken that from the system being measured.
 */

export interface HttpAnswer {
  status: number;
  body: string;
}

/** One connection, kept alive: requests sent through it queue behind each other. */
export function connection(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: 1 });
}

/** Sends one request and reads the whole answer (utf-8); rejects only on a transport error. */
export function send(
  agent: http.Agent,
  url: string,
  init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      agent,
      method: init.method ?? 'GET',
      headers: init.headers,
    });
    request.once('error', reject);
    request.once('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.once('error', reject);
      response.once('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.end(init.body);
  });
}
