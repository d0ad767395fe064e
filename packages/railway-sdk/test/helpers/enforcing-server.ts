import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP server that enforces a per-second budget the way Railway does (429 with
 * Retry-After) and answers every GraphQL request with `answer`. Records arrival times.
 */
export async function startEnforcingServer(
  perSecond: number,
  answer: (body: { query: string }) => unknown,
) {
  const arrivals: number[] = [];
  let rejected = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const now = performance.now();
      const recent = arrivals.filter((at) => now - at < 1000).length;
      if (recent >= perSecond) {
        rejected++;
        res.writeHead(429, { 'retry-after': '1' }).end();
        return;
      }
      arrivals.push(now);
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { query: string };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(body)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql/v2`,
    arrivals,
    rejected: () => rejected,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
