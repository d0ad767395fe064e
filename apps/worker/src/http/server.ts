import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '@roundhouse/db';
import type { Registry } from 'prom-client';
import { checkHealth } from './health';

export interface OpsServerOptions {
  db: Db;
  registry: Registry;
  runnerAlive: () => boolean;
  port: number;
  host?: string;
}

export interface OpsServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The worker's small operations port: GET /healthz (200 when the runner runs and the database
 * answers, else 503 with which one failed) and GET /metrics (Prometheus text format).
 */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const reply = async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
      } else if (path === '/healthz') {
        const report = await checkHealth(options);
        res
          .writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' })
          .end(JSON.stringify(report));
      } else if (path === '/metrics') {
        const body = await options.registry.metrics();
        res.writeHead(200, { 'content-type': options.registry.contentType }).end(body);
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
    };
    reply().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(error instanceof Error ? error.message : 'internal error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
