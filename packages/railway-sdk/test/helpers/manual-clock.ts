import type { LimiterClock } from '../../src/client/rate-limiter';

/** A clock that only moves when told, running due timers in time order. */
export function manualClock(start = 1_700_000_000_000) {
  let now = start;
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let nextId = 0;
  const clock: LimiterClock = {
    now: () => now,
    setTimer(fn, ms) {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return () => {
        timers = timers.filter((timer) => timer.id !== id);
      };
    },
  };
  /** Moves time forward, firing timers as their moment comes; lets promises settle after each. */
  async function advance(ms: number): Promise<void> {
    const end = now + ms;
    for (;;) {
      const due = timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((timer) => timer !== due);
      now = Math.max(now, due.at);
      due.fn();
      await flush();
    }
    now = end;
    await flush();
  }
  return { clock, advance, now: () => now };
}

export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
