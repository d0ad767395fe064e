import { createRedactor, redactDeep } from '@roundhouse/crypto';
import { pino, type DestinationStream, type Level, type Logger } from 'pino';

export interface LoggerOptions {
  level: Level | 'silent';
  /** Values that must never be printed (AUTH_SECRET, encryption keys): masked wherever they appear. */
  secrets?: string[];
  /** Where lines go (default stdout); tests pass a stream to read them. */
  destination?: DestinationStream;
}

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
    options.destination,
  );
}
