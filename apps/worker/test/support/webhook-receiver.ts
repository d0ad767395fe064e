import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  /** `${base}/<name>`: one URL per endpoint, told apart by path. */
  url(name: string): string;
  /** Requests per path, in arrival order. */
  received(name: string): ReceivedRequest[];
  /** Status codes the next requests to `name` get (then 200). */
  respond(name: string, ...statuses: number[]): void;
  close(): Promise<void>;
}

/** An HTTP receiver on 127.0.0.1 standing in for users' webhook endpoints. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests = new Map<string, ReceivedRequest[]>();
  const scripted = new Map<string, number[]>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const name = (req.url ?? '/').slice(1);
      const list = requests.get(name) ?? [];
      list.push({ path: name, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      requests.set(name, list);
      res.writeHead(scripted.get(name)?.shift() ?? 200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (name) => `http://127.0.0.1:${port}/${name}`,
    received: (name) => requests.get(name) ?? [],
    respond: (name, ...statuses) =>
      scripted.set(name, [...(scripted.get(name) ?? []), ...statuses]),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
