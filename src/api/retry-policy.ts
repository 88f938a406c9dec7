/**
 * When and how long to wait before trying again. GET, PUT and DELETE are idempotent at
 * VoIPBIN and are retried on these; POST only when the request provably never arrived.
 */

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** A 5xx after a POST may hide a committed create (VoIPBIN's 503 REQUEST_TIMEOUT does). */
export function isAmbiguousStatus(status: number): boolean {
  return status >= 500;
}

/** Exponential backoff with "equal jitter": half fixed, half random. attempt 1 = first retry. */
export function backoffMs(attempt: number, random: () => number, baseMs = 250, capMs = 8_000) {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; null when absent or junk. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}

export interface NetworkFailure {
  /** The error code (ECONNRESET, UND_ERR_HEADERS_TIMEOUT, ...) or `UNKNOWN`. */
  readonly code: string;
  /** Worth another attempt (for POST only if `maybeSent` is false). */
  readonly retryable: boolean;
  /** The server may have received and processed the request. */
  readonly maybeSent: boolean;
}

// The connection never came up: the request cannot have reached the server.
const NOT_SENT_RETRYABLE = new Set(['UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', 'EAI_AGAIN']);
// Wrong address, no server: retrying only delays the obvious message.
const NOT_SENT_FINAL = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_INVALID_ARG',
  'ERR_INVALID_URL',
]);
// The connection broke or stalled after the request may have gone out.
const MAYBE_SENT_RETRYABLE = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  // Our own per-attempt deadline (connect + headers + whole body): like a timeout.
  'REQUEST_DEADLINE',
]);

export function classifyNetworkError(error: unknown): NetworkFailure {
  const code = findCode(error);
  if (NOT_SENT_RETRYABLE.has(code)) return { code, retryable: true, maybeSent: false };
  if (NOT_SENT_FINAL.has(code) || code.startsWith('ERR_TLS') || code.includes('CERT')) {
    return { code, retryable: false, maybeSent: false };
  }
  if (MAYBE_SENT_RETRYABLE.has(code)) return { code, retryable: true, maybeSent: true };
  // Unknown: do not retry, but a POST must assume it may have landed.
  return { code, retryable: false, maybeSent: true };
}

function findCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    current = current.cause;
  }
  return 'UNKNOWN';
}

export type RetryPlan =
  | { kind: 'wait'; ms: number; asked: number | null }
  | { kind: 'stop' }
  /** The server asked for a longer wait than the client allows. */
  | { kind: 'too-long'; asked: number }
  /** The wait would leave no time for another attempt before the call's deadline. */
  | { kind: 'out-of-time' };

/** After an HTTP error status: wait (at least what Retry-After asks for) or stop, and why. */
export function planRetry(input: {
  status: number;
  retryAfter: string | undefined;
  mode: 'idempotent' | 'create';
  attempt: number;
  maxAttempts: number;
  maxRetryAfterMs: number;
  wallClock: number;
  random: () => number;
  fits: (ms: number) => boolean;
}): RetryPlan {
  const { status } = input;
  if (!RETRYABLE_STATUSES.has(status) || input.attempt >= input.maxAttempts) {
    return { kind: 'stop' };
  }
  // A 429 was refused before any work was done: safe to repeat even for a create.
  if (input.mode === 'create' && status !== 429) return { kind: 'stop' };
  const asked = parseRetryAfter(input.retryAfter, input.wallClock);
  if (asked !== null && asked > input.maxRetryAfterMs) return { kind: 'too-long', asked };
  const ms = Math.max(backoffMs(input.attempt, input.random), asked ?? 0);
  if (!input.fits(ms)) return { kind: 'out-of-time' };
  return { kind: 'wait', ms, asked };
}
