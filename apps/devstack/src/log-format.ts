/**
 * Children's output, one readable line per log record: pino's JSON becomes
 * `12:04:05 INFO  message key=value`, other lines pass through; every line gets the child's name.
 */
const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
/** Fields every record has, or that the prefix already says. */
const SKIPPED = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'service', 'v']);
/** Long values (a job's whole row) are cut: the line stays one screen line. */
const MAX_VALUE = 120;

export function formatLogLine(line: string): string {
  const record = parseRecord(line);
  if (!record) return line;
  const level =
    typeof record.level === 'number'
      ? (LEVELS[record.level] ?? String(record.level))
      : String(record.level).toUpperCase();
  const extras = Object.entries(record)
    .filter(([key, value]) => !SKIPPED.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${formatValue(key, value)}`);
  return [clockTime(record.time), level.padEnd(5), String(record.msg ?? ''), ...extras]
    .filter((part) => part !== '')
    .join(' ');
}

export function prefixLine(name: string, line: string, width = 6): string {
  return `${`[${name}]`.padEnd(width + 2)} ${line}`;
}

function parseRecord(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(line) as unknown;
    if (typeof value === 'object' && value !== null && 'level' in value) {
      return value as Record<string, unknown>;
    }
  } catch {
    // Not JSON after all: printed as it is.
  }
  return undefined;
}

function clockTime(time: unknown): string {
  const date = typeof time === 'number' || typeof time === 'string' ? new Date(time) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(11, 19) : '';
}

function formatValue(key: string, value: unknown): string {
  const text = valueText(key, value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function valueText(key: string, value: unknown): string {
  if (key === 'err' && typeof value === 'object' && value !== null) {
    const err = value as { type?: string; message?: string };
    return JSON.stringify(`${err.type ?? 'Error'}: ${err.message ?? ''}`);
  }
  if (typeof value === 'string') return /\s/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}
