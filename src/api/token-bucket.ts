/**
 * Client-side pacing: a token bucket shared by every request of one client, so a run stays
 * under VoIPBIN's per-customer limit (about 17 requests/s, burst 33) however many calls run
 * at once. A 429 halves the rate (and empties the bucket); successes win it back slowly.
 */
export interface PacingClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export class TokenBucket {
  private tokens: number;
  private last: number;
  private current: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    /** Requests per second; Infinity disables pacing. */
    private readonly maxRate: number,
    private readonly burst: number,
    private readonly clock: PacingClock,
  ) {
    this.current = maxRate;
    this.tokens = burst;
    this.last = clock.now();
  }

  get rate(): number {
    return this.current;
  }

  /** Resolves when the caller may send one request. Callers are served in order. */
  take(): Promise<void> {
    if (this.current === Infinity) return Promise.resolve();
    const turn = this.queue.then(() => this.takeOne());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** After a 429: halve the rate (not below 1/s) and start from an empty bucket. */
  slowDown(): void {
    if (this.current === Infinity) return;
    this.refill();
    this.current = Math.max(1, this.current / 2);
    this.tokens = Math.min(this.tokens, 0);
  }

  /** After a success: creep back towards the configured rate (full speed after ~20). */
  recover(): void {
    if (this.current >= this.maxRate) return;
    this.refill();
    this.current = Math.min(this.maxRate, this.current + this.maxRate / 20);
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.current);
  }

  private async takeOne(): Promise<void> {
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.current) * 1000));
    }
  }
}
