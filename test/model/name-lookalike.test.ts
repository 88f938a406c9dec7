import { describe, expect, it } from 'vitest';
import { displayName, escapeJsonText } from '../../src/model/display.js';
import {
  areLookalikes,
  escapeInvisible,
  invisibleCharsIn,
  lookalikeKey,
} from '../../src/model/name-lookalike.js';

const NFC = 'Caf\u00e9';
const NFD = 'Cafe\u0301';

describe('look-alike names', () => {
  it('finds the invisible characters a name holds, once each, named', () => {
    expect(invisibleCharsIn('\ufeffSales\u200b EU\u200b\u202e')).toEqual([
      { codePoint: 'U+FEFF', escaped: '\\ufeff', description: 'byte-order mark' },
      { codePoint: 'U+200B', escaped: '\\u200b', description: 'zero-width space' },
      { codePoint: 'U+202E', escaped: '\\u202e', description: 'right-to-left override' },
    ]);
    expect(invisibleCharsIn('Café – Nord')).toEqual([]);
    expect(invisibleCharsIn('tag\u{e0041}')[0]).toMatchObject({
      codePoint: 'U+E0041',
      escaped: '\\udb40\\udc41',
    });
  });

  it.each([
    [NFC, NFD],
    ['Sales', 'Sales\u200b'],
    ['Sales', '\ufeffSales'],
    ['Sales EU', 'Sales\u00a0EU'],
    ['Sales', 'Sa\u00adles'],
    ['office', 'o\ufb03ce'],
    ['Sales', 'Sales\u2060\u200d'],
  ])('%j and %j look the same', (a, b) => {
    expect(lookalikeKey(a)).toBe(lookalikeKey(b));
    expect(areLookalikes(a, b)).toBe(true);
  });

  it.each([
    ['Sales', 'sales'],
    ['Sales', 'Sales '],
    ['Sales', 'Sales'],
  ])('%j and %j are not look-alikes', (a, b) => {
    expect(areLookalikes(a, b)).toBe(false);
  });

  it('shows invisible characters as escapes in every display of a name', () => {
    expect(escapeInvisible('\ufeffSales\u200b')).toBe('\\ufeffSales\\u200b');
    expect(displayName('Sales\u200b')).toBe('"Sales\\u200b"');
    expect(displayName('\ufeffSales')).toBe('"\\ufeffSales"');
    expect(displayName(NFD)).toBe(`"${NFD}"`); // a combining accent is visible
    const json = escapeJsonText(JSON.stringify({ name: 'Sales\u200b\u{e0041}' }));
    expect(json).toBe('{"name":"Sales\\u200b\\udb40\\udc41"}');
    expect(JSON.parse(json)).toEqual({ name: 'Sales\u200b\u{e0041}' });
  });
});
