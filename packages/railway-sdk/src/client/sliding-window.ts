/**
 * The requests that count against a budget window. We cannot know when Railway saw a request,
 * only that it was between our send and its answer, so a request counts from the moment it is
 * granted (in flight) until `lengthMs` after its answer arrived. That way no window the server
 * measures, wherever it starts, ever holds more than `limit` of ours, whatever the network did.
 */
export class SlidingWindow {
  /** Answer times, ascending. */
  private ends: number[] = [];
  private head = 0;
  private inFlight = 0;

  constructor(
    public limit: number,
    readonly lengthMs: number,
  ) {}

  private prune(now: number): void {
    while (this.head < this.ends.length && this.ends[this.head]! <= now - this.lengthMs)
      this.head++;
    // Compact now and then so a busy hour window does not keep every answer since boot.
    if (this.head > 1024 && this.head * 2 > this.ends.length) {
      this.ends = this.ends.slice(this.head);
      this.head = 0;
    }
  }

  used(now: number): number {
    this.prune(now);
    return this.inFlight + this.ends.length - this.head;
  }

  remaining(now: number): number {
    return Math.max(0, this.limit - this.used(now));
  }

  /** The earliest time another request fits; Infinity while only an answer can free a slot. */
  nextFreeAt(now: number): number {
    if (this.used(now) < this.limit) return now;
    const keep = this.limit - this.inFlight;
    if (keep <= 0) return Infinity;
    // The oldest answer that must leave the window for the count to drop below the limit.
    return this.ends[this.ends.length - keep]! + this.lengthMs;
  }

  begin(): void {
    this.inFlight++;
  }

  end(at: number): void {
    this.inFlight--;
    this.ends.push(Math.max(at, this.ends.at(-1) ?? at));
  }
}
