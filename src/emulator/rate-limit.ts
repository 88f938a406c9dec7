/**
 * Per-customer token buckets: `rate` requests per second, burst 2 × rate (the service
 * allows about 17/s with a burst of about 33). Uses a monotonic clock, not the emulator's
 * (possibly frozen) timestamp clock.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();
  private readonly burst: number;

  constructor(
    private readonly rate: number,
    private readonly nowMs: () => number = () => performance.now(),
  ) {
    this.burst = Math.max(1, 2 * rate);
  }

  /** Takes one token; returns null when allowed, else the Retry-After in whole seconds. */
  take(customerId: string): number | null {
    const now = this.nowMs();
    const bucket = this.buckets.get(customerId) ?? { tokens: this.burst, atMs: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.atMs) / 1000) * this.rate);
    bucket.atMs = now;
    this.buckets.set(customerId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.rate));
  }
}
