import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../src/api/token-bucket.js';

/** A fake clock: sleeping advances it; the test reads when each request was let through. */
function fakeClock() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

async function sendTimes(bucket: TokenBucket, clock: { now(): number }, count: number) {
  const at: number[] = [];
  await Promise.all(
    Array.from({ length: count }, () => bucket.take().then(() => at.push(clock.now()))),
  );
  return at;
}

describe('TokenBucket', () => {
  it('lets a burst through, then paces at the rate', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(10, 5, clock);
    const at = await sendTimes(bucket, clock, 25);
    expect(at.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    // 20 more at 10/s: the last goes out at about 2 s.
    expect(at.at(-1)).toBeGreaterThanOrEqual(1_900);
    expect(at.at(-1)).toBeLessThanOrEqual(2_100);
  });

  it('never exceeds the rate over any window after the burst', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(15, 30, clock);
    const at = await sendTimes(bucket, clock, 200);
    // Over the whole run: burst + rate * elapsed.
    const elapsedS = at.at(-1)! / 1000;
    expect(200).toBeLessThanOrEqual(30 + Math.ceil(15 * elapsedS) + 1);
  });

  it('halves the rate after a 429 and recovers with successes', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(16, 1, clock);
    bucket.slowDown();
    expect(bucket.rate).toBe(8);
    bucket.slowDown();
    bucket.slowDown();
    bucket.slowDown();
    bucket.slowDown();
    expect(bucket.rate).toBe(1);
    for (let i = 0; i < 40; i++) bucket.recover();
    expect(bucket.rate).toBe(16);
  });

  it('does not pace at all with an infinite rate', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(Infinity, 1, clock);
    const at = await sendTimes(bucket, clock, 100);
    expect(new Set(at)).toEqual(new Set([0]));
  });
});
