import { Logger as GraphileLogger } from 'graphile-worker';
import type { Logger } from 'pino';

// graphile's LogLevel is a const enum of these strings (not importable under isolatedModules).
const LEVELS: Readonly<Record<string, 'error' | 'warn' | 'info' | 'debug'>> = {
  error: 'error',
  warning: 'warn',
  info: 'info',
  debug: 'debug',
};

/**
 * A job that finished is routine: its task logs what it did. graphile's "Completed task" lines
 * (one every few seconds from the monitoring crons) go to debug; failures stay loud.
 */
const ROUTINE = /^Completed task /;

/** graphile-worker's own log lines, written through our pino logger (JSON, same fields). */
export function graphileLogger(logger: Logger): GraphileLogger {
  return new GraphileLogger((scope) => {
    const scoped = logger.child({ component: 'graphile-worker', ...scope });
    return (level, message, meta) => {
      const mapped = level === 'info' && ROUTINE.test(message) ? 'debug' : LEVELS[level];
      scoped[mapped ?? 'info'](meta ?? {}, message);
    };
  });
}
