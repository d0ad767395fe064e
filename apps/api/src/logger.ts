import { createRedactor, redactDeep } from '@roundhouse/crypto';
import { pino, type DestinationStream, type Level, type Logger } from 'pino';

export interface LoggerOptions {
  level: Level | 'silent';
  /** Values that must never be printed (AUTH_SECRET, encryption keys): masked wherever they appear. */
  secrets?: string[];
  /** Where lines go (default: stdout, buffered); tests pass a stream to read them. */
  destination?: DestinationStream;
}

/** A buffered line waits at most this long for the next write (4 KB flush it sooner). */
const FLUSH_INTERVAL_MS = 1_000;

/**
 * Structured JSON logs. Every record goes through redactDeep before it is written: values under
 * secret-looking keys (cookie, authorization, x-api-key, password, token…) are replaced
 * wholesale, and known secrets or token shapes inside any string (messages, SQL, stacks) are
 * masked.
 */
export function createLogger(options: LoggerOptions): Logger {
  const redactor = createRedactor(options.secrets ?? []);
  return pino(
    {
      level: options.level,
      base: { service: 'api' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (record) => redactDeep(record, redactor) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === 'string' ? redactor(arg) : arg)) as typeof args,
          );
        },
      },
    },
    options.destination ?? bufferedStdout(),
  );
}

/**
 * stdout, written in chunks of ≥ 4 KB or every FLUSH_INTERVAL_MS instead of one write per line:
 * a request line each made the write syscalls a visible part of a request's CPU (bench:api).
 * pino flushes it when the process exits (signals, uncaught exceptions included); only a hard
 * kill (SIGKILL, OOM) loses what the last second buffered.
 */
function bufferedStdout(): DestinationStream {
  const stdout = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => stdout.flush(), FLUSH_INTERVAL_MS).unref();
  return stdout;
}
