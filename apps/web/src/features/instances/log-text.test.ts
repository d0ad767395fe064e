import { describe, expect, it } from 'vitest';
import { logFileName, logsToText } from './log-text';

describe('logsToText', () => {
  it('writes one line per log line with time and stream', () => {
    const ts = new Date('2026-01-02T03:04:05.000Z');
    const text = logsToText([
      { ts, stream: 'build', severity: 'info', message: 'npm ci' },
      { ts, stream: 'deploy', severity: 'error', message: 'boom' },
    ]);
    expect(text).toBe(
      '2026-01-02T03:04:05.000Z [build] npm ci\n2026-01-02T03:04:05.000Z [deploy] boom\n',
    );
  });
});

describe('logFileName', () => {
  it('keeps the name file-system safe', () => {
    expect(logFileName('my bot/设置', 'abcdef12-3456')).toBe('my_bot-abcdef12-logs.txt');
    expect(logFileName('///', null)).toBe('instance-latest-logs.txt');
  });
});
