/**
 * The emulator's clock, in integer microseconds. Every write takes a fresh `tick()`, strictly
 * after every earlier one, so two rows never share a `tm_create` and creation-time cursor
 * pagination can never skip a row (the real service has no such guarantee; the emulator
 * gives it so tests are deterministic).
 */
export class MicrosClock {
  private last = 0;

  constructor(private readonly source: () => number) {}

  /** A clock reading real time with sub-millisecond digits. */
  static realTime(): MicrosClock {
    return new MicrosClock(() => Math.floor((performance.timeOrigin + performance.now()) * 1000));
  }

  /** A clock over an injected `now()` (tests); sub-millisecond digits come from ticking. */
  static fromDates(now: () => Date): MicrosClock {
    return new MicrosClock(() => now().getTime() * 1000);
  }

  tick(): number {
    this.last = Math.max(this.source(), this.last + 1);
    return this.last;
  }

  /** "Now" for reads: never before anything already written. */
  peek(): number {
    return Math.max(this.source(), this.last + 1);
  }

  /** Remembers an instant written by seeding or loaded from a state file. */
  observe(us: number): void {
    if (us > this.last) this.last = us;
  }

  get lastTick(): number {
    return this.last;
  }

  /** Wall-clock milliseconds, for token expiry. */
  nowMs(): number {
    return Math.floor(this.source() / 1000);
  }
}
