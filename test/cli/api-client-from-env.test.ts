import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/model/errors.js';
import {
  baseUrlFrom,
  createClientFromCli,
  credentialFromEnv,
} from '../../src/cli/api-client-from-env.js';
import { runBuiltCli } from '../helpers/run-cli.js';

const KEY = 'vb_cliTestKeyNeverShown';

function usage(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('expected a UsageError');
}

describe('credentials from the environment', () => {
  it('uses VOIPBIN_ACCESSKEY, else VOIPBIN_TOKEN', () => {
    expect(credentialFromEnv({ VOIPBIN_ACCESSKEY: KEY })).toEqual({
      kind: 'accesskey',
      value: KEY,
    });
    expect(credentialFromEnv({ VOIPBIN_TOKEN: 'jwt' })).toEqual({ kind: 'token', value: 'jwt' });
    expect(credentialFromEnv({ VOIPBIN_ACCESSKEY: KEY, VOIPBIN_TOKEN: 'jwt' }).kind).toBe(
      'accesskey',
    );
  });

  it('names both variables when neither is set (exit 3)', () => {
    const error = usage(() => credentialFromEnv({ VOIPBIN_ACCESSKEY: '', VOIPBIN_TOKEN: ' ' }));
    expect(error.message).toContain('VOIPBIN_ACCESSKEY');
    expect(error.message).toContain('VOIPBIN_TOKEN');
    expect(error.kind).toBe('usage');
  });
});

describe('base URL', () => {
  it('prefers --api-url, then VOIPBIN_API_URL, then the public API', () => {
    expect(
      baseUrlFrom({ apiUrl: 'http://127.0.0.1:9/v1.0/' }, { VOIPBIN_API_URL: 'https://x/v1.0' }),
    ).toBe('http://127.0.0.1:9/v1.0');
    expect(baseUrlFrom({}, { VOIPBIN_API_URL: 'https://x.example/v1.0' })).toBe(
      'https://x.example/v1.0',
    );
    expect(baseUrlFrom({}, {})).toBe('https://api.voipbin.net/v1.0');
  });

  it.each([
    'http://127.0.0.1:8080/v1.0',
    'http://127.1.2.3/v1.0',
    'http://localhost:1/v1.0',
    'http://[::1]:1/v1.0',
  ])('allows plain http to loopback %s', (url) => {
    expect(baseUrlFrom({ apiUrl: url }, {})).toBe(url);
  });

  it.each([
    'http://api.voipbin.net/v1.0',
    'http://10.0.0.1/v1.0',
    'http://128.0.0.1/v1.0',
    'ftp://127.0.0.1/',
  ])('refuses to send credentials to %s', (url) => {
    const error = usage(() => createClientFromCli({ apiUrl: url }, { VOIPBIN_ACCESSKEY: KEY }));
    expect(error.code).toMatch(/INSECURE_API_URL/);
    expect(error.message + error.hint).not.toContain(KEY);
  });

  it('never prints a VOIPBIN_API_URL that holds a key, nor the key of swapped variables', () => {
    const leaky = [
      { VOIPBIN_API_URL: `https://[bad?accesskey=${KEY}`, VOIPBIN_ACCESSKEY: KEY },
      // The two variables swapped: the URL is the key, the key is a URL.
      { VOIPBIN_API_URL: KEY, VOIPBIN_ACCESSKEY: 'https://api.voipbin.net/v1.0' },
      { VOIPBIN_API_URL: `http://${KEY}.example/v1.0`, VOIPBIN_ACCESSKEY: KEY },
    ];
    for (const env of leaky) {
      const error = usage(() => createClientFromCli({}, env));
      const shown = `${error.message}\n${error.hint ?? ''}\n${error.stack ?? ''}`.toLowerCase();
      expect(shown).not.toContain(KEY.toLowerCase());
      expect(error.code).toMatch(/INVALID_API_URL|INSECURE_API_URL/);
    }
    const swapped = usage(() => baseUrlFrom({}, { VOIPBIN_API_URL: KEY }));
    expect(swapped.hint).toMatch(/swapped/);
  });

  it('gives the URL without a trailing slash, even at the root', () => {
    expect(baseUrlFrom({ apiUrl: 'https://x.example/v1.0//' }, {})).toBe('https://x.example/v1.0');
    expect(baseUrlFrom({ apiUrl: 'https://x.example/' }, {})).toBe('https://x.example');
    expect(baseUrlFrom({ apiUrl: 'https://X.Example:443/v1.0' }, {})).toBe(
      'https://x.example/v1.0',
    );
  });

  it('refuses junk and URLs carrying credentials of their own', () => {
    expect(usage(() => baseUrlFrom({ apiUrl: 'not a url' }, {})).code).toBe('INVALID_API_URL');
    expect(
      usage(() => baseUrlFrom({ apiUrl: `https://x/v1.0?accesskey=${KEY}` }, {})).message,
    ).not.toContain(KEY);
  });
});

describe('createClientFromCli', () => {
  it('builds a client without touching the network', async () => {
    const client = createClientFromCli({ rate: 5, timeoutMs: 2000 }, { VOIPBIN_ACCESSKEY: KEY });
    expect(client.requestCount).toBe(0);
    await client.close();
  });

  it('rejects a non-positive rate', () => {
    expect(usage(() => createClientFromCli({ rate: 0 }, { VOIPBIN_ACCESSKEY: KEY })).code).toBe(
      'INVALID_RATE',
    );
  });
});

describe('unlimited pacing', () => {
  it('accepts an infinite rate (--rate unlimited)', () => {
    expect(() =>
      createClientFromCli({ rate: Number.POSITIVE_INFINITY }, { VOIPBIN_ACCESSKEY: 'vb_x' }),
    ).not.toThrow();
  });
});

describe('the built CLI with a credential where the URL belongs', () => {
  it.each([
    ['a key in an unparseable URL', { VOIPBIN_API_URL: `https://[bad?accesskey=${KEY}` }],
    ['swapped variables', { VOIPBIN_API_URL: KEY, VOIPBIN_ACCESSKEY: 'https://x.example/v1.0' }],
  ])('%s: exit 3, the key printed nowhere, even with --debug', async (_, env) => {
    const run = await runBuiltCli(['export', '--debug'], {
      env: { VOIPBIN_ACCESSKEY: KEY, ...env },
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('not a valid URL');
    expect(`${run.stdout}${run.stderr}`.toLowerCase()).not.toContain(KEY.toLowerCase());
  });
});
