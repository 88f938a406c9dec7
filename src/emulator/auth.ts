/**
 * Credential lookup in the service's order, first found wins with no fallback:
 * cookie `token` → `?token=` → `Authorization: Bearer …` (case-sensitive) → cookie
 * `accesskey` → `?accesskey=`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { failures, type ApiFailure } from './api-errors.js';
import type { CredentialRegistry } from './credentials.js';

export type Credential =
  | { readonly kind: 'token'; readonly value: string }
  | { readonly kind: 'accesskey'; readonly value: string };

export function findCredential(
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
): Credential | null {
  const cookies = parseCookies(headers.cookie);
  const authorization = headers.authorization;
  const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7) : '';
  const token = cookies.get('token') || query.get('token') || bearer;
  if (token) return { kind: 'token', value: token };
  const accessKey = cookies.get('accesskey') || query.get('accesskey');
  if (accessKey) return { kind: 'accesskey', value: accessKey };
  return null;
}

/** The customer a request acts for, or the 401/403 it gets. */
export function authenticate(
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
  registry: CredentialRegistry,
  nowMs: number,
): { customerId: string } | ApiFailure {
  const credential = findCredential(headers, query);
  if (!credential) return failures.authenticationRequired();
  let customerId: string | undefined;
  if (credential.kind === 'accesskey') {
    customerId = registry.customerForKey(credential.value);
  } else {
    const grant = registry.tokenGrant(credential.value);
    if (grant && (grant.expiresAtMs === null || nowMs < grant.expiresAtMs)) {
      if (grant.direct) return failures.directAccessNotSupported();
      customerId = grant.customerId;
    }
  }
  if (customerId === undefined) return failures.invalidCredentials();
  if (registry.isFrozen(customerId)) return failures.accountFrozen();
  return { customerId };
}

/** First value of each cookie name, unquoted and URL-unescaped like gin's c.Cookie. */
function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
      value = value.slice(1, -1);
    if (!out.has(name)) out.set(name, unescape(value));
  }
  return out;
}

function unescape(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}
