import { describe, expect, it } from 'vitest';
import { canonicalJson, compileNamePattern, sanitizeApiUrl } from '../../src/plan/index.js';

describe('sanitizeApiUrl', () => {
  it.each([
    ['https://api.voipbin.net/v1.0', 'https://api.voipbin.net/v1.0'],
    ['https://api.voipbin.net/v1.0/', 'https://api.voipbin.net/v1.0'],
    ['https://api.voipbin.net/v1.0?accesskey=vb_secret', 'https://api.voipbin.net/v1.0'],
    ['http://u:p@127.0.0.1:8080/v1.0/#x', 'http://127.0.0.1:8080/v1.0'],
  ])('%s -> %s', (raw, clean) => {
    expect(sanitizeApiUrl(raw)).toBe(clean);
  });

  it('rejects a relative URL without echoing it', () => {
    expect(() => sanitizeApiUrl('not a url?accesskey=vb_secret')).toThrow(
      expect.objectContaining({
        code: 'INVALID_API_URL',
        message: expect.not.stringContaining('vb_'),
      }),
    );
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: null, e: 'x' }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"e":"x","f":null}]},"b":1}',
    );
  });
});

describe('compileNamePattern', () => {
  it('treats regex characters literally and * as any run', () => {
    const match = compileNamePattern('team.[a]+*');
    expect(match('team.[a]+')).toBe(true);
    expect(match('team.[a]+ east\nwest')).toBe(true);
    expect(match('teamX[a]+')).toBe(false);
    expect(compileNamePattern('exact')('exactly')).toBe(false);
  });
});
