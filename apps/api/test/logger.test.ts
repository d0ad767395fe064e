import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { createLogger } from '../src/logger';

function capture(secrets: string[]) {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
  return { logger: createLogger({ level: 'info', secrets, destination: stream }), lines };
}

it('redacts secret-named fields and known secrets anywhere in a record', async () => {
  const secret = 'auth-secret-value-0123456789';
  const { logger, lines } = capture([secret]);
  logger.info(
    {
      headers: { cookie: 'session=abc123', authorization: 'Bearer xyz', 'x-api-key': 'rh_abcdef' },
      err: new Error(`failed with ${secret}`),
      note: `contains ${secret} inline`,
    },
    `message mentioning ${secret}`,
  );
  await new Promise((resolve) => setImmediate(resolve));
  expect(lines).toHaveLength(1);
  const record = JSON.parse(lines[0]!);
  expect(lines[0]).not.toContain(secret);
  expect(lines[0]).not.toMatch(/abc123|xyz|rh_abcdef/);
  expect(record).toMatchObject({
    level: 'info',
    service: 'api',
    headers: { cookie: '[REDACTED]' },
  });
  expect(record.msg).toBe('message mentioning [REDACTED]');
});

it('stdout is buffered, but a quiet line is written within a second and the last before exit', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/log-then-exit.ts'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const started = Date.now();
  const arrivals: { event: string; at: number }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    arrivals.push({ event: (JSON.parse(line) as { event: string }).event, at: Date.now() });
  });
  const exitedAt = await new Promise<number>((resolve) =>
    child.once('exit', () => resolve(Date.now())),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(arrivals.map((arrival) => arrival.event)).toEqual(['early', 'last']);
  // 'early' came out while the process idled (the periodic flush), long before it exited
  expect(exitedAt - arrivals[0]!.at).toBeGreaterThan(500);
  expect(arrivals[0]!.at - started).toBeLessThan(exitedAt - started);
});
