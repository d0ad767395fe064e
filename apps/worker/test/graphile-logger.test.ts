import { Writable } from 'node:stream';
import pino from 'pino';
import { expect, it } from 'vitest';
import { graphileLogger } from '../src/graphile-logger';

function capture() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as { level: number; msg: string });
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
}

it('keeps routine job completions out of the info log, and everything else in it', async () => {
  const { lines, logger } = capture();
  const graphile = graphileLogger(logger).scope({ label: 'job' });
  graphile.info('Completed task 123 (monitor_deployments, 2.1ms, attempt 1 of 25) with success');
  graphile.info('Worker connected and looking for jobs...');
  graphile.error('Failed task 124 (clone_instance, 3ms, attempt 1 of 5) with error boom');
  await new Promise((resolve) => setImmediate(resolve));
  expect(lines.map((line) => line.msg)).toEqual([
    'Worker connected and looking for jobs...',
    'Failed task 124 (clone_instance, 3ms, attempt 1 of 5) with error boom',
  ]);
});
