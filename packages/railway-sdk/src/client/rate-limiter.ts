/**
 * Meters requests against Railway's per-second and per-hour budgets (DESIGN §4) so callers queue
 * here (FIFO) instead of drawing 429s. Each caller acquires a grant before sending and releases
 * it when the answer (or failure) arrives; see SlidingWindow for why both ends matter.
 *
 * The server's word wins: when X-RateLimit-Remaining says fewer requests remain than we counted
 * (another process shares the token), we believe it until the window resets; a 429 pauses
 * everyone for Retry-After.
 */
import { ConfigurationError } from '@roundhouse/core';
import type { RateLimitHeaders } from './headers';
import { SlidingWindow } from './sliding-window';

export interface RateBudget {
  perSecond: number;
  perHour: number;
}

export const RATE_LIMIT_PRESETS = {
  hobby: { perSecond: 10, perHour: 1000 },
  pro: { perSecond: 50, perHour: 10_000 },
} as const satisfies Record<string, RateBudget>;

export interface LimiterClock {
  now(): number;
  /** Runs `fn` after `ms`; returns a function that cancels it. */
  setTimer(fn: () => void, ms: number): () => void;
}

export const realClock: LimiterClock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

export interface RateLimiterOptions {
  clock?: LimiterClock;
  /** Added to each window's length, for a server clock that ticks a little differently. */
  slackMs?: number;
}

/** A granted request; hand it back to `release` exactly once, when its answer arrived. */
export interface Grant {
  readonly seq: number;
  readonly at: number;
  readonly waitedMs: number;
}

export interface RateLimiterState {
  budget: RateBudget;
  queued: number;
  remainingPerSecond: number;
  remainingPerHour: number;
  /** Epoch ms until which a 429 paused everyone, or null. */
  pausedUntil: number | null;
}

type WindowName = 'second' | 'hour';

interface ServerCap {
  remaining: number;
  resetAtMs: number;
  /** The grant whose response reported `remaining`; later grants count against it. */
  seq: number;
}

interface Waiter {
  resolve: (grant: Grant) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
  enqueuedAt: number;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

export function assertValidBudget(budget: RateBudget): void {
  for (const [name, value] of Object.entries(budget)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new ConfigurationError(`rate limit ${name} must be a positive integer, got ${value}`);
    }
  }
}

export class RateLimiter {
  private readonly windows: Record<WindowName, SlidingWindow>;
  private readonly caps: Partial<Record<WindowName, ServerCap>> = {};
  private readonly queue: Waiter[] = [];
  private readonly clock: LimiterClock;
  /** Seqs of grants not yet released. */
  private readonly outstanding = new Set<number>();
  private seq = 0;
  private pausedUntil = 0;
  private cancelTimer: (() => void) | undefined;

  constructor(
    readonly budget: RateBudget,
    options: RateLimiterOptions = {},
  ) {
    assertValidBudget(budget);
    this.clock = options.clock ?? realClock;
    const slack = options.slackMs ?? 10;
    this.windows = {
      second: new SlidingWindow(budget.perSecond, 1000 + slack),
      hour: new SlidingWindow(budget.perHour, 3_600_000 + slack),
    };
  }

  /** Waits for a slot (FIFO). Rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<Grant> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const now = this.clock.now();
    if (this.queue.length === 0 && this.nextFreeAt(now) <= now) {
      return Promise.resolve(this.grant(now, 0));
    }
    return new Promise<Grant>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        enqueuedAt: now,
        onAbort: () => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          reject(signal?.reason);
          this.pump();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  /**
   * The request of `grant` is over (answered or failed). `headers`, when given, are what the
   * server said about the budget in its answer.
   */
  release(grant: Grant, headers?: RateLimitHeaders): void {
    if (!this.outstanding.delete(grant.seq)) return;
    const now = this.clock.now();
    this.windows.second.end(now);
    this.windows.hour.end(now);
    if (headers) this.observe(grant, headers, now);
    this.pump();
  }

  private observe(grant: Grant, headers: RateLimitHeaders, now: number): void {
    const { remaining, resetAtMs, limit } = headers;
    if (remaining === undefined || resetAtMs === undefined) return;
    // Railway's Reset is whole epoch seconds: a reset within two seconds is the per-second window.
    const name: WindowName = resetAtMs - now <= 2000 ? 'second' : 'hour';
    const window = this.windows[name];
    if (limit !== undefined && limit >= 1 && limit < window.limit) window.limit = limit;
    const existing = this.caps[name];
    if (existing && existing.seq > grant.seq && now < existing.resetAtMs) return; // older news
    const serverLeft = remaining - (this.seq - grant.seq);
    if (serverLeft < window.remaining(now)) {
      this.caps[name] = { remaining, resetAtMs, seq: grant.seq };
    } else {
      delete this.caps[name];
    }
  }

  /** Holds every caller back for `ms` (a 429 told us to). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
    this.pump();
  }

  state(): RateLimiterState {
    const now = this.clock.now();
    return {
      budget: { perSecond: this.windows.second.limit, perHour: this.windows.hour.limit },
      queued: this.queue.length,
      remainingPerSecond: this.remaining('second', now),
      remainingPerHour: this.remaining('hour', now),
      pausedUntil: this.pausedUntil > now ? this.pausedUntil : null,
    };
  }

  private activeCap(name: WindowName, now: number): ServerCap | undefined {
    const cap = this.caps[name];
    if (cap && now >= cap.resetAtMs) delete this.caps[name];
    return this.caps[name];
  }

  private remaining(name: WindowName, now: number): number {
    const local = this.windows[name].remaining(now);
    const cap = this.activeCap(name, now);
    return cap ? Math.max(0, Math.min(local, cap.remaining - (this.seq - cap.seq))) : local;
  }

  private nextFreeAt(now: number): number {
    let at = Math.max(now, this.pausedUntil);
    for (const name of ['second', 'hour'] as const) {
      at = Math.max(at, this.windows[name].nextFreeAt(now));
      const cap = this.activeCap(name, now);
      if (cap && cap.remaining - (this.seq - cap.seq) <= 0) at = Math.max(at, cap.resetAtMs);
    }
    return at;
  }

  private grant(now: number, waitedMs: number): Grant {
    this.windows.second.begin();
    this.windows.hour.begin();
    const grant: Grant = { seq: ++this.seq, at: now, waitedMs };
    this.outstanding.add(grant.seq);
    return grant;
  }

  private readonly pump = (): void => {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    while (this.queue.length > 0) {
      const now = this.clock.now();
      const at = this.nextFreeAt(now);
      if (at > now) {
        // Infinity: every slot is in flight; the next release pumps again.
        if (at !== Infinity) {
          this.cancelTimer = this.clock.setTimer(this.pump, Math.min(at - now, MAX_TIMER_MS));
        }
        return;
      }
      const waiter = this.queue.shift()!;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve(this.grant(now, now - waiter.enqueuedAt));
    }
  };
}
