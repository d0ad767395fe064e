import { PassThrough } from 'node:stream';
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
