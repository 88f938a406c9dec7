/**
 * The base URL check: where credentials may go, and — since a misplaced access key can end
 * up in the URL — that its messages never echo what the user typed.
 */
import { describe, expect, it } from 'vitest';
import { checkBaseUrl, isLoopbackHost } from '../../src/api/base-url.js';
import { UsageError } from '../../src/model/errors.js';
import { ORIGIN, everythingIn, harness } from './helpers/mock-api.js';

const SECRET = 'vb_LEAKME0123456789';

function refused(text: string, secrets: readonly string[] = []): UsageError {
  try {
    checkBaseUrl(text, secrets);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error(`expected ${text} to be refused`);
}

/** Case-insensitive: URL parsing lower-cases host names. */
function shows(error: unknown, secret: string): boolean {
  return everythingIn(error).toLowerCase().includes(secret.toLowerCase());
}

describe('checkBaseUrl messages never echo the input', () => {
  it.each([
    ['an unparseable URL with a key in its query', `https://[bad?accesskey=${SECRET}`],
    ['an access key given as the URL (swapped variables)', SECRET],
    ['a token given as the URL', 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.c2lnbmF0dXJl'],
    ['a URL with a space and a key', `https://api voipbin.net/?accesskey=${SECRET}`],
  ])('%s', (_, text) => {
    const error = refused(text);
    expect(error.code).toBe('INVALID_API_URL');
    expect(shows(error, text)).toBe(false);
    expect(shows(error, SECRET)).toBe(false);
    expect(error.message).toContain('not a valid URL');
  });

  it('says when the URL looks like an access key (the two variables swapped)', () => {
    const error = refused(SECRET);
    expect(error.hint).toContain('VOIPBIN_ACCESSKEY');
    expect(error.hint).toMatch(/swapped/);
  });

  it('names the host of a refused plain-http URL, with secrets redacted', () => {
    expect(refused('http://10.0.0.1:8080/v1.0').message).toContain('10.0.0.1:8080');
    // Credential not known (checked before it is read): a vb_ host is still not shown.
    const error = refused(`http://${SECRET}.example/v1.0`);
    expect(error.code).toBe('INSECURE_API_URL');
    expect(shows(error, SECRET)).toBe(false);
  });

  it('refuses an https URL whose host holds the credential (it would go to DNS)', () => {
    const error = refused(`https://${SECRET}.example/v1.0`, [SECRET]);
    expect(error.code).toBe('INVALID_API_URL');
    expect(shows(error, SECRET)).toBe(false);
    expect(error.hint).toMatch(/swapped/);
  });

  it('names a plain scheme, but not one that could be a secret', () => {
    expect(refused('ftp://127.0.0.1/').message).toContain('ftp:');
    const error = refused(`vbLEAKME0123456789abcdef:x`);
    expect(error.code).toBe('INSECURE_API_URL');
    expect(shows(error, 'vbLEAKME0123456789abcdef')).toBe(false);
  });

  it('never shows a query, user name or fragment it refuses', () => {
    for (const text of [
      `https://api.voipbin.net/v1.0?accesskey=${SECRET}`,
      `https://${SECRET}:pw@api.voipbin.net/v1.0`,
      `https://api.voipbin.net/v1.0#${SECRET}`,
    ]) {
      const error = refused(text);
      expect(error.code).toBe('INVALID_API_URL');
      expect(shows(error, SECRET)).toBe(false);
    }
  });
});

describe('isLoopbackHost', () => {
  it.each(['localhost', 'a.localhost', '127.0.0.1', '127.9.8.7', '::1', '[::1]', '::ffff:7f00:1'])(
    'accepts %s',
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
    },
  );

  it.each(['::ffff:127.0.0.1', '[::ffff:127.1.2.3]', '0:0:0:0:0:0:0:1'])(
    'accepts the unnormalised form %s (as typed for --host)',
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
    },
  );

  it.each([
    '0.0.0.0',
    '::',
    '10.0.0.1',
    '128.0.0.1',
    '::ffff:10.0.0.1',
    'example.com',
    '127.0.0.1.nip.io',
  ])('refuses %s', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('the client at a root base URL', () => {
  it('requests /outplans, not //outplans', async () => {
    const h = harness({ baseUrl: `${ORIGIN}/` });
    h.pool
      .intercept({ path: (p) => p.startsWith('/outplans?'), method: 'GET' })
      .reply(200, { result: [], next_page_token: '' });
    expect(await h.client.listOutplans()).toEqual([]);
  });
});
