import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DURATION_MS, formatDuration, parseDuration } from '../../src/model/duration.js';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['2h', 7_200_000],
    ['1h30m', 5_400_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['90s', 90_000],
    ['1h0m1ms', 3_600_001],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toEqual({ ok: true, ms });
  });

  it.each(['', '30', '30 s', 's', '1m1h', '1.5h', '-1s', '1d', '30S', '1h1h'])(
    'rejects %j as syntax',
    (text) => {
      expect(parseDuration(text)).toEqual({ ok: false, reason: 'syntax' });
    },
  );

  it('rejects zero and values beyond a signed 32-bit integer', () => {
    expect(parseDuration('0s')).toEqual({ ok: false, reason: 'zero' });
    expect(parseDuration(`${MAX_DURATION_MS}ms`)).toEqual({ ok: true, ms: MAX_DURATION_MS });
    expect(parseDuration(`${MAX_DURATION_MS + 1}ms`)).toEqual({ ok: false, reason: 'too-large' });
    expect(parseDuration('99999999999999999999h')).toEqual({ ok: false, reason: 'too-large' });
  });
});

describe('formatDuration', () => {
  it.each([
    [5_400_000, '1h30m'],
    [30_000, '30s'],
    [90_000, '1m30s'],
    [500, '500ms'],
    [3_600_001, '1h1ms'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips every valid millisecond value exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_DURATION_MS }), (ms) => {
        expect(parseDuration(formatDuration(ms))).toEqual({ ok: true, ms });
      }),
    );
  });
});
