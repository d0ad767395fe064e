import { describe, expect, it } from 'vitest';
import { formatLogLine, prefixLine } from '../src/log-format';

describe('children log lines', () => {
  it("turns pino's JSON into one readable line (numeric and label levels)", () => {
    const worker = JSON.stringify({
      level: 30,
      time: Date.UTC(2026, 0, 2, 12, 4, 5),
      pid: 1,
      hostname: 'h',
      service: 'worker',
      msg: 'worker started',
      ops: 'http://127.0.0.1:3001',
      count: 2,
    });
    expect(formatLogLine(worker)).toBe(
      '12:04:05 INFO  worker started ops=http://127.0.0.1:3001 count=2',
    );
    const api = JSON.stringify({
      level: 'error',
      time: '2026-01-02T12:04:05.000Z',
      msg: 'boom',
      err: { type: 'TypeError', message: 'x is undefined', stack: 'long' },
    });
    expect(formatLogLine(api)).toBe('12:04:05 ERROR boom err="TypeError: x is undefined"');
  });

  it('cuts long values and leaves other lines alone', () => {
    const line = formatLogLine(JSON.stringify({ level: 30, msg: 'job', job: 'x'.repeat(500) }));
    expect(line.length).toBeLessThan(140);
    expect(line.endsWith('…')).toBe(true);
    expect(formatLogLine('  VITE ready')).toBe('  VITE ready');
    expect(formatLogLine('{not json')).toBe('{not json');
    expect(formatLogLine('{"a":1}')).toBe('{"a":1}');
  });

  it("prefixes every line with its child's name, aligned", () => {
    expect(prefixLine('api', 'hello')).toBe('[api]    hello');
    expect(prefixLine('worker', 'hello')).toBe('[worker] hello');
  });
});
