/* eslint-disable no-control-regex -- these tests look for raw control characters */
import { describe, expect, it } from 'vitest';
import {
  displayLine,
  displayName,
  displayToken,
  escapeControls,
  escapeJsonText,
} from '../../src/model/display.js';

describe('displayName', () => {
  it.each([
    ['Sales', '"Sales"'],
    ['', '""'],
    ['say "hi" \\ bye', '"say \\"hi\\" \\\\ bye"'],
    ['evil\n+ create "fake"\x1b[31m', '"evil\\n+ create \\"fake\\"\\u001b[31m"'],
    ['tab\there\r\b\f', '"tab\\there\\r\\b\\f"'],
    ['del\x7f c1\u009b31m nul\0', '"del\\u007f c1\\u009b31m nul\\u0000"'],
    ['bidi\u202eevil\u2066 sep\u2028', '"bidi\\u202eevil\\u2066 sep\\u2028"'],
    ['lone \ud800 surrogate', '"lone \\ud800 surrogate"'],
    ['ünïcode ☎ 😀', '"ünïcode ☎ 😀"'],
  ])('%j -> %s', (name, shown) => {
    expect(displayName(name)).toBe(shown);
  });

  it('reads back as the same string with JSON.parse when nothing beyond JSON is escaped', () => {
    const name = 'evil\n+ create "fake"\x1b[31m \\ \u009b';
    expect(JSON.parse(displayName(name))).toBe(name);
  });

  it('is always one line with no raw control character', () => {
    for (let code = 0; code < 0x100; code++) {
      const shown = displayName(`a${String.fromCharCode(code)}b`);
      expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    }
  });
});

describe('displayToken', () => {
  it('keeps plain ids and source parts bare and quotes anything else', () => {
    expect(displayToken('00000000-0000-4000-8000-000000000001')).toBe(
      '00000000-0000-4000-8000-000000000001',
    );
    expect(displayToken('+15559876543')).toBe('+15559876543');
    expect(displayToken('sip:alice@example.com')).toBe('sip:alice@example.com');
    expect(displayToken('id\n- delete')).toBe('"id\\n- delete"');
    expect(displayToken('two words')).toBe('"two words"');
    expect(displayToken('')).toBe('""');
  });
});

describe('displayLine and escapeControls', () => {
  it('escapes controls but leaves quotes and backslashes readable', () => {
    expect(escapeControls('a "b" \\c \x1b[2J')).toBe('a "b" \\c \\u001b[2J');
  });

  it('defuses a line the Actions runner would read as a workflow command', () => {
    expect(displayLine('::error::pwned')).toBe('\\u003a:error::pwned');
    expect(displayLine('   ::warning::x')).toBe('   \\u003a:warning::x');
    expect(displayLine('##[group]x')).toBe('\\u0023#[group]x');
    expect(displayLine('a ::error::x')).toBe('a ::error::x');
    expect(displayLine(':one colon')).toBe(':one colon');
  });
});

describe('escapeJsonText', () => {
  it('escapes what JSON.stringify leaves raw, keeping the parsed value', () => {
    const value = { name: 'del\x7f c1\u009b bidi\u202e sep\u2028 esc\x1b' };
    const json = escapeJsonText(JSON.stringify(value, null, 2));
    expect(json).not.toMatch(/[\u007f-\u009f\u202e\u2028\u001b]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
