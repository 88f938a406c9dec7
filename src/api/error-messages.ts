/**
 * The words of API failures: what happened (message) and what to do next (hint). Kept
 * apart from the transport so the wording can be read, and tested, as a table.
 */
import type { Credential } from './credential.js';

export interface HttpFailure {
  readonly method: string;
  /** Redacted. */
  readonly url: string;
  readonly status: number;
  readonly reason: string | null;
  readonly message: string | null;
  readonly requestId: string | null;
  readonly attempts: number;
}

/** What the failed call was for, so the hint fits it. */
export interface CallContext {
  /** A collection listing (`GET /outplans`, `/campaigns`, `/numbers`), not one item. */
  readonly listing: boolean;
  /** The proxy requests go through, shown without credentials, e.g. `http://proxy:3128 (from HTTPS_PROXY)`. */
  readonly proxy: string | null;
}

export interface Wording {
  readonly code: string;
  readonly message: string;
  readonly hint: string;
}

export function credentialVariable(credential: Credential): string {
  return credential.kind === 'accesskey' ? 'VOIPBIN_ACCESSKEY' : 'VOIPBIN_TOKEN';
}

function tail(f: HttpFailure): string {
  const parts: string[] = [];
  if (f.attempts > 1) parts.push(`after ${f.attempts} attempts`);
  if (f.requestId) parts.push(`request id ${f.requestId}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function head(f: HttpFailure): string {
  const reason = f.reason ? ` ${f.reason}` : '';
  const said = f.message ? `: ${f.message}` : '';
  return `${f.method} ${f.url} failed with ${f.status}${reason}${said}`;
}

export function describeHttpFailure(
  f: HttpFailure,
  credential: Credential,
  context: CallContext,
): Wording {
  const code = f.reason ?? `HTTP_${f.status}`;
  const base = `${head(f)}${tail(f)}`;
  const support = f.requestId ? ` Quote request id ${f.requestId} to VoIPBIN support.` : '';
  switch (f.status) {
    case 401: {
      const variable = credentialVariable(credential);
      const what = credential.kind === 'accesskey' ? 'access key' : 'token';
      return {
        code,
        message: `VoIPBIN rejected the ${what} in ${variable}. ${base}`,
        hint:
          credential.kind === 'accesskey'
            ? `The access key in VOIPBIN_ACCESSKEY is invalid, expired or deleted. Create a new one (POST /v1.0/accesskeys or the admin console) and set VOIPBIN_ACCESSKEY.`
            : `The token in VOIPBIN_TOKEN is invalid or expired (login tokens last 7 days). Log in again, or use an access key in VOIPBIN_ACCESSKEY.`,
      };
    }
    case 403:
      return { code, message: base, hint: forbiddenHint(f.reason, credential, context) };
    case 404:
      return {
        code,
        message: base,
        hint:
          f.reason === 'ROUTE_NOT_FOUND' || f.reason === null || context.listing
            ? `The API has no such route: check --api-url / VOIPBIN_API_URL (it must end in /v1.0, e.g. https://api.voipbin.net/v1.0)${context.proxy ? `, and that the proxy ${context.proxy} forwards to it` : ''}.${support}`
            : 'No outplan with this id ever existed (VoIPBIN answers 404 only for unknown ids). Check the `id:` pin in your config, or run plan again.',
      };
    case 400:
      return { code, message: base, hint: badRequestHint(f.reason) + support };
    case 429:
      return {
        code,
        message: base,
        hint: 'VoIPBIN kept rate-limiting this customer. Lower --rate, or wait until other jobs using the same account finish.',
      };
    default:
      if (f.status >= 500) {
        return {
          code,
          message: base,
          hint: `VoIPBIN had a server error and retries did not help. Try again later.${support}`,
        };
      }
      return { code, message: base, hint: `Unexpected HTTP status ${f.status}.${support}` };
  }
}

function forbiddenHint(
  reason: string | null,
  credential: Credential,
  context: CallContext,
): string {
  switch (reason) {
    case 'ACCOUNT_FROZEN':
      return 'The VoIPBIN account is frozen: it can read nothing and change nothing until VoIPBIN support unfreezes it.';
    case 'DIRECT_ACCESS_NOT_SUPPORTED':
      return `${credentialVariable(credential)} holds a resource-scoped direct-access token, which cannot manage outplans. Use a login token (VOIPBIN_TOKEN) or an access key (VOIPBIN_ACCESSKEY).`;
    default:
      if (context.listing) {
        return `Permission denied for this listing: ${credentialVariable(credential)} may not read it (an agent token needs the customer admin or manager permission; an access key of another account sees only that account). Check which account and permissions the credential has.`;
      }
      return "Permission denied: the outplan belongs to another VoIPBIN customer (VoIPBIN answers 403, not 404, for other customers' ids), or the credential lacks permission for this call. Check the `id:` pin in your config and which account the credential belongs to.";
  }
}

function badRequestHint(reason: string | null): string {
  switch (reason) {
    case 'INVALID_ID':
      return 'The id is not a UUID. Check the `id:` pin in your config.';
    case 'INVALID_ARGUMENT':
      return 'VoIPBIN refused a value (an outplan name is limited to 255 characters).';
    case 'INVALID_JSON_BODY':
    case 'INVALID_REQUEST_PARAMETER':
      return 'VoIPBIN could not read the request outplanctl sent: this is a bug in outplanctl, please report it.';
    default:
      return 'VoIPBIN refused the request.';
  }
}

export function describeNetworkFailure(
  method: string,
  url: string,
  code: string,
  detail: string,
  attempts: number,
  context: CallContext,
): Wording {
  const after = attempts > 1 ? ` after ${attempts} attempts` : '';
  const via = context.proxy ? ` through the proxy ${context.proxy}` : '';
  const message = `${method} ${url} failed${after}${via}: ${networkPhrase(code)} (${code}: ${detail})`;
  return { code: 'NETWORK_ERROR', message, hint: networkHint(code, context.proxy) };
}

function networkPhrase(code: string): string {
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name did not resolve';
  if (code === 'REQUEST_DEADLINE' || code.includes('TIMEOUT') || code === 'ETIMEDOUT')
    return 'the request timed out';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE')
    return 'the connection was reset';
  return 'the request failed';
}

function networkHint(code: string, proxy: string | null): string {
  const proxyNote = proxy
    ? ` Requests go through the proxy ${proxy}: check that it is running and lets this host through (NO_PROXY lists hosts that go direct).`
    : ' If this network only reaches the internet through a proxy, set HTTPS_PROXY (and NO_PROXY for hosts that go direct).';
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `Check --api-url / VOIPBIN_API_URL. For the local emulator, check that it is running and on which port.${proxyNote}`;
  if (code === 'REQUEST_DEADLINE' || code.includes('TIMEOUT') || code === 'ETIMEDOUT')
    return `VoIPBIN did not answer in time. Try again, or raise --timeout.${proxy ? proxyNote : ''}`;
  if (code.startsWith('ERR_TLS') || code.includes('CERT'))
    return `The TLS connection failed: check the URL, a proxy in between, or NODE_EXTRA_CA_CERTS.${proxy ? proxyNote : ''}`;
  if (code.startsWith('UND_ERR_PROXY') || code === 'UND_ERR_ABORTED')
    return `The connection failed.${proxyNote}`;
  return `The connection to VoIPBIN failed. Try again; if it persists, check the network.${proxyNote}`;
}

export function describeMalformed(
  method: string,
  url: string,
  status: number,
  expected: string,
  problem: string,
  requestId: string | null,
): Wording {
  const id = requestId ? ` (request id ${requestId})` : '';
  return {
    code: 'MALFORMED_RESPONSE',
    message: `${method} ${url} returned ${status} with a malformed response: expected ${expected}; ${problem}${id}`,
    hint: 'The answer was not in the VoIPBIN API format. Check --api-url / VOIPBIN_API_URL (a proxy or a wrong host can answer like this).',
  };
}
