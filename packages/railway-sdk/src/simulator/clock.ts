/**
 * The simulator's notion of "now". Deployment progress, log timestamps and supersede times are all
 * derived from it, so a manual clock lets a test walk an hour of deployments in microseconds.
 * Transport concerns (rate limits, fault hold times) deliberately use wall time instead: the client
 * meters itself against the real clock.
 */
export type ClockMode = 'real' | 'manual';

export interface SimClock {
  readonly mode: ClockMode;
  /** Epoch milliseconds. */
  now(): number;
  /** Moves time forward. In real mode the offset adds to the wall clock. */
  advance(ms: number): void;
}

export function createClock(mode: ClockMode, start = Date.now()): SimClock {
  let offset = 0;
  const base = mode === 'manual' ? start : 0;
  return {
    mode,
    now: () => (mode === 'manual' ? base + offset : Date.now() + offset),
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new RangeError(`advance(ms) needs ms >= 0, got ${ms}`);
      offset += ms;
    },
  };
}
