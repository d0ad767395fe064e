/**
 * Railway-style per-token limits: requests per second and per hour, counted on wall time (the
 * client meters itself against the real clock, whatever the simulated clock says). Sliding
 * windows, so "N per any 1-s window" is what is enforced. Headers describe the hourly budget:
 * X-RateLimit-Limit, -Remaining and -Reset (epoch seconds when the oldest counted request leaves
 * the window); a 429 adds Retry-After in seconds.
 */
export interface RateLimitBudget {
  perSecond: number;
  perHour: number;
}

export const RATE_LIMIT_PRESETS = {
  free: { perSecond: 10, perHour: 100 },
  hobby: { perSecond: 10, perHour: 1000 },
  pro: { perSecond: 50, perHour: 10000 },
} as const satisfies Record<string, RateLimitBudget>;

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

const SECOND = 1000;
const HOUR = 3_600_000;

/** Timestamps of counted requests, oldest first, trimmed to the window lazily. */
class Window {
  private stamps: number[] = [];
  private head = 0;

  constructor(private readonly spanMs: number) {}

  count(now: number): number {
    while (this.head < this.stamps.length && this.stamps[this.head]! <= now - this.spanMs)
      this.head++;
    if (this.head > 1024 && this.head * 2 > this.stamps.length) {
      this.stamps = this.stamps.slice(this.head);
      this.head = 0;
    }
    return this.stamps.length - this.head;
  }

  /** When the oldest counted request leaves the window. */
  freesAt(now: number): number {
    return (this.stamps[this.head] ?? now) + this.spanMs;
  }

  add(now: number): void {
    this.stamps.push(now);
  }
}

export class RateLimiter {
  private readonly buckets = new Map<string, { second: Window; hour: Window }>();

  constructor(
    private readonly budget: RateLimitBudget,
    private readonly wallNow: () => number = Date.now,
  ) {
    if (!(budget.perSecond > 0 && budget.perHour > 0)) {
      throw new RangeError('rate limits must be positive numbers');
    }
  }

  /** `now`: when the request arrived (before its body was read), so body-read jitter does not count. */
  check(key: string, now = this.wallNow()): RateDecision {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { second: new Window(SECOND), hour: new Window(HOUR) };
      this.buckets.set(key, bucket);
    }
    const inSecond = bucket.second.count(now);
    const inHour = bucket.hour.count(now);
    const allowed = inSecond < this.budget.perSecond && inHour < this.budget.perHour;
    if (allowed) {
      bucket.second.add(now);
      bucket.hour.add(now);
    }
    const used = inHour + (allowed ? 1 : 0);
    const headers: Record<string, string> = {
      'X-RateLimit-Limit': String(this.budget.perHour),
      'X-RateLimit-Remaining': String(Math.max(0, this.budget.perHour - used)),
      'X-RateLimit-Reset': String(Math.ceil(bucket.hour.freesAt(now) / 1000)),
    };
    if (!allowed) {
      const freesAt =
        inHour >= this.budget.perHour ? bucket.hour.freesAt(now) : bucket.second.freesAt(now);
      headers['Retry-After'] = String(Math.max(1, Math.ceil((freesAt - now) / 1000)));
    }
    return { allowed, headers };
  }
}
