/**
 * Where the client may send credentials: https anywhere, plain http only to a loopback
 * host (the local emulator). An access key in a plain-http URL would cross the network
 * in clear text.
 */
import { UsageError } from '../model/errors.js';

export const DEFAULT_BASE_URL = 'https://api.voipbin.net/v1.0';

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  // IPv4-mapped 127.0.0.0/8, as URL normalises it (::ffff:127.0.0.1 -> ::ffff:7f00:1).
  return /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
}

/** Parses and checks a base URL; returns it without a trailing slash. */
export function checkBaseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError('INVALID_API_URL', `The API URL "${text}" is not a valid URL.`, {
      hint: 'Use a full URL such as https://api.voipbin.net/v1.0 (--api-url or VOIPBIN_API_URL).',
    });
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new UsageError(
      'INVALID_API_URL',
      'The API URL must not carry a user name, password, query or fragment.',
      {
        hint: 'Credentials come only from VOIPBIN_ACCESSKEY or VOIPBIN_TOKEN. Use a URL such as https://api.voipbin.net/v1.0.',
      },
    );
  }
  if (url.protocol === 'https:') return withoutTrailingSlash(url);
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return withoutTrailingSlash(url);
  throw new UsageError(
    'INSECURE_API_URL',
    url.protocol === 'http:'
      ? `Refusing to send VoIPBIN credentials over plain http to ${url.host}.`
      : `The API URL must use https:// (got ${url.protocol}).`,
    {
      hint: 'Use an https:// URL. Plain http:// is allowed only to a loopback host (127.0.0.1, ::1, localhost), such as the local emulator.',
    },
  );
}

function withoutTrailingSlash(url: URL): URL {
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}
