/**
 * Where the client may send credentials: https anywhere, plain http only to a loopback
 * host (the local emulator). An access key in a plain-http URL would cross the network
 * in clear text.
 *
 * The messages never echo the URL as given: a user who swaps VOIPBIN_API_URL and
 * VOIPBIN_ACCESSKEY, or pastes a URL with `?accesskey=`, would see the key printed. At
 * most a plain scheme and a redacted host are shown.
 */
import { UsageError } from '../model/errors.js';
import { REDACTED, redactText } from './redact.js';

export const DEFAULT_BASE_URL = 'https://api.voipbin.net/v1.0';

const URL_HINT =
  'Use a full URL such as https://api.voipbin.net/v1.0 (--api-url or VOIPBIN_API_URL).';

/** Loopback, as a URL host (`[::1]`, `::ffff:7f00:1`) or as typed for `--host` (`::ffff:127.0.0.1`). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  // IPv4-mapped 127.0.0.0/8, dotted as typed, or as URL normalises it (-> ::ffff:7f00:1).
  if (/^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  return /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
}

/**
 * Parses and checks a base URL; returns it without a trailing slash in its path (the
 * root stays `/`, as URL requires: use `basePath` / `baseUrlText`). `secrets` (the
 * credential, when known) are redacted from the host a message may show.
 */
export function checkBaseUrl(text: string, secrets: readonly string[] = []): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(
      'INVALID_API_URL',
      'The API URL (--api-url or VOIPBIN_API_URL) is not a valid URL. It is not shown here, as it may hold a credential.',
      { hint: looksLikeCredential(text) ? `${SWAPPED_HINT} ${URL_HINT}` : URL_HINT },
    );
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
  // Hosts are lower-cased, so the usual (exact) redaction would miss a key in one; and
  // a key in a host name would leak to DNS before any request is made.
  const lowerHref = url.href.toLowerCase();
  if (secrets.some((secret) => secret !== '' && lowerHref.includes(secret.toLowerCase()))) {
    throw new UsageError('INVALID_API_URL', 'The API URL contains the credential itself.', {
      hint: `${SWAPPED_HINT} ${URL_HINT}`,
    });
  }
  if (url.protocol === 'https:') return withoutTrailingSlash(url);
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return withoutTrailingSlash(url);
  throw new UsageError(
    'INSECURE_API_URL',
    url.protocol === 'http:'
      ? `Refusing to send VoIPBIN credentials over plain http to ${shownHost(url, secrets)}.`
      : `The API URL must use https:// (got ${shownScheme(url)}).`,
    {
      hint: 'Use an https:// URL. Plain http:// is allowed only to a loopback host (127.0.0.1, ::1, localhost), such as the local emulator.',
    },
  );
}

const SWAPPED_HINT =
  'It looks like an access key or token: are VOIPBIN_API_URL and VOIPBIN_ACCESSKEY (or VOIPBIN_TOKEN) swapped?';

/** An access key (`vb_…`) or a JWT (three base64url parts). */
function looksLikeCredential(text: string): boolean {
  const value = text.trim();
  return /^vb_/i.test(value) || /^[\w-]{8,}\.[\w-]{2,}\.[\w-]{2,}$/.test(value);
}

/** Known schemes only: anything else may be a pasted secret with a colon in it. */
function shownScheme(url: URL): string {
  const known = ['ftp:', 'ws:', 'wss:', 'file:', 'data:', 'mailto:', 'tel:', 'sip:'];
  return known.includes(url.protocol) ? url.protocol : 'another scheme';
}

/** The host, with secrets removed (hosts are lower-cased, so compare case-insensitively). */
function shownHost(url: URL, secrets: readonly string[]): string {
  const host = url.host;
  const lower = host.toLowerCase();
  if (/(^|[.:[])vb_/.test(lower)) return 'a host that looks like an access key';
  for (const secret of secrets) {
    if (secret.length > 0 && lower.includes(secret.toLowerCase())) return REDACTED;
  }
  return redactText(host, secrets);
}

/** The path requests go below: the base path without a trailing slash (`''` at the root). */
export function basePath(url: URL): string {
  return url.pathname === '/' ? '' : url.pathname;
}

/** The checked URL as text, e.g. `https://api.voipbin.net/v1.0` (no trailing slash). */
export function baseUrlText(url: URL): string {
  return `${url.origin}${basePath(url)}`;
}

function withoutTrailingSlash(url: URL): URL {
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}
