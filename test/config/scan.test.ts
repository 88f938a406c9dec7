import { describe, expect, it } from 'vitest';
import { MAX_NESTING, scanText } from '../../src/config/scan.js';
import { closestMatch, editDistance } from '../../src/config/suggest.js';

describe('scanText (pre-parse guard)', () => {
  const many = (s: string) => s.repeat(MAX_NESTING + 5);

  it('passes ordinary configs, including brackets that are not nesting', () => {
    for (const text of [
      'outplans:\n  - name: A\n    detail: see [1] and {2}\n',
      `outplans:\n  - name: "${many('[')}"\n`,
      `outplans:\n  - name: '${many('{')}''s'\n`,
      `# ${many('[')}\noutplans: []\n`,
      `outplans:\n  - name: a${many('[')}\n`,
      'outplans: [{ name: A, source: { type: tel } }]\n',
      `${'- '.repeat(MAX_NESTING)}x\n`,
    ]) {
      expect(scanText(text), text.slice(0, 40)).toBeNull();
    }
  });

  it('stops at the first level past the limit', () => {
    expect(scanText(`a: ${'['.repeat(1000)}`)).toEqual({
      kind: 'too-deep',
      offset: 3 + MAX_NESTING,
    });
    expect(scanText(`a: ${'[ '.repeat(1000)}`)).toEqual({
      kind: 'too-deep',
      offset: 3 + 2 * MAX_NESTING,
    });
    expect(scanText(`${'- '.repeat(1000)}`)?.kind).toBe('too-deep');
  });

  it('finds control characters but allows tabs and CRLF', () => {
    expect(scanText('a: 1\r\n\tb: 2\n')).toBeNull();
    expect(scanText('a: \u0007')).toEqual({ kind: 'not-text', offset: 3, charCode: 7 });
  });
});

describe('did-you-mean', () => {
  it('measures edit distance', () => {
    expect(editDistance('dial_timout', 'dial_timeout')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests only close keys', () => {
    const keys = ['name', 'detail', 'dial_timeout', 'try_interval', 'max_try_count_0'];
    expect(closestMatch('dial_timout', keys)).toBe('dial_timeout');
    expect(closestMatch('tryinterval', keys)).toBe('try_interval');
    expect(closestMatch('Name', keys)).toBe('name');
    expect(closestMatch('colour', keys)).toBeUndefined();
  });
});
