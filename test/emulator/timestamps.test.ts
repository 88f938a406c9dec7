import { describe, expect, it } from 'vitest';
import { formatPageToken, formatTimestamp, parseTimestamp } from '../../src/emulator/timestamps.js';

const us = (iso: string, micros = 0) => Date.parse(iso) * 1000 + micros;

describe('timestamps', () => {
  it.each([
    [us('2026-01-15T09:30:00.123Z'), '2026-01-15T09:30:00.123Z', '2026-01-15T09:30:00.123000Z'],
    [us('2026-01-15T09:30:00Z'), '2026-01-15T09:30:00Z', '2026-01-15T09:30:00.000000Z'],
    [us('2026-01-15T09:30:00.1Z', 5), '2026-01-15T09:30:00.100005Z', '2026-01-15T09:30:00.100005Z'],
    [us('2026-01-15T09:30:00.12Z'), '2026-01-15T09:30:00.12Z', '2026-01-15T09:30:00.120000Z'],
  ])('%i → %s / %s', (value, object, token) => {
    expect(formatTimestamp(value)).toBe(object);
    expect(formatPageToken(value)).toBe(token);
    expect(parseTimestamp(object)).toBe(value);
    expect(parseTimestamp(token)).toBe(value);
  });

  it('parses the older space-separated form as UTC, and offsets', () => {
    expect(parseTimestamp('2022-04-28 01:50:23.414000')).toBe(us('2022-04-28T01:50:23.414Z'));
    expect(parseTimestamp('2026-01-15T10:30:00+01:00')).toBe(us('2026-01-15T09:30:00Z'));
    expect(parseTimestamp('2026-01-15T09:30:00.1234567Z')).toBe(
      us('2026-01-15T09:30:00.123Z', 456),
    );
  });

  it.each(['', 'now', '2026-13-01T00:00:00Z', '2026-01-15', '2026-01-15T09:30:00'])(
    'rejects %j',
    (text) => {
      expect(parseTimestamp(text)).toBeNull();
    },
  );
});
