/**
 * Where the credential goes. An access key can only travel as `?accesskey=` (so the path
 * sent is secret and only its redacted form is ever shown); a JWT goes in the
 * Authorization header. Nothing else in the client decides this.
 */
import { basePath } from './base-url.js';
import type { Credential } from './credential.js';
import { redactUrl } from './redact.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ApiRequest {
  readonly method: Method;
  /** Below the base path, e.g. `/outplans/{id}`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** A collection listing (GET of a list): its 403 and 404 mean something else. */
  readonly listing?: boolean;
}

export interface Target {
  /** What is sent: with the access key, when it travels in the query. */
  readonly path: string;
  /** What is shown: origin and path, credential replaced by REDACTED. */
  readonly redacted: string;
}

export function targetOf(base: URL, credential: Credential, request: ApiRequest): Target {
  const params = new URLSearchParams(request.query);
  if (credential.kind === 'accesskey') params.set('accesskey', credential.value);
  const query = params.toString();
  const path = `${basePath(base)}${request.path}${query ? `?${query}` : ''}`;
  const shown = credential.kind === 'accesskey' ? redactUrl(path) : path;
  return { path, redacted: `${base.origin}${shown}` };
}

export function headersFor(
  credential: Credential,
  userAgent: string,
  hasBody: boolean,
): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': userAgent };
  if (hasBody) headers['content-type'] = 'application/json';
  if (credential.kind === 'token') headers.authorization = `Bearer ${credential.value}`;
  return headers;
}
