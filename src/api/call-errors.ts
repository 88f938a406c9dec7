/**
 * Typed errors for a failed call, built from what the server said. Everything the server
 * sent is untrusted: it is redacted before it is cut short or quoted (a half-cut secret is
 * still a leak) and cleaned of control characters.
 */
import { ApiError, type CallMeta } from './api-error.js';
import type { Credential } from './credential.js';
import {
  describeHttpFailure,
  describeMalformed,
  describeNetworkFailure,
  type CallContext,
} from './error-messages.js';
import { formatSeconds } from './http-attempt.js';
import { cleanRequestId, cleanUntrusted, readEnvelope, snippet } from './response-body.js';
import type { RetryPlan } from './retry-policy.js';

export type Redact = (text: string) => string;

/** VoIPBIN's error envelope, redacted and cleaned; null when the body is not one. */
export function safeEnvelope(text: string, redact: Redact) {
  const envelope = readEnvelope(text);
  if (envelope === null) return null;
  const clean = (value: string | null, max: number) =>
    value === null ? null : cleanUntrusted(redact(value), max);
  return {
    reason: clean(envelope.reason, 80),
    message: clean(envelope.message, 300),
    requestId: cleanRequestId(envelope.requestId === null ? null : redact(envelope.requestId)),
  };
}

export function httpError(
  result: { status: number; text: string; requestId: string | null },
  meta: CallMeta,
  context: CallContext,
  credential: Credential,
  redact: Redact,
): ApiError {
  const envelope = safeEnvelope(result.text, redact);
  const requestId = result.requestId ?? envelope?.requestId ?? null;
  const wording = describeHttpFailure(
    {
      method: meta.method,
      url: meta.url,
      status: result.status,
      reason: envelope?.reason ?? null,
      message: envelope?.message ?? `no VoIPBIN error body (${snippet(redact(result.text))})`,
      requestId,
      attempts: meta.attempts,
    },
    credential,
    context,
  );
  return new ApiError({
    code: wording.code,
    message: redact(wording.message),
    hint: redact(wording.hint),
    meta: { ...meta, requestId },
    reason: envelope?.reason ?? null,
    requestId,
  });
}

export function networkError(
  meta: CallMeta,
  code: string,
  detail: string,
  context: CallContext,
  cause: Error,
  redact: Redact,
): ApiError {
  const wording = describeNetworkFailure(
    meta.method,
    meta.url,
    code,
    detail,
    meta.attempts,
    context,
  );
  return new ApiError({ ...wording, message: redact(wording.message), meta, cause });
}

export function malformedError(
  exchange: { status: number; meta: CallMeta },
  expected: string,
  problem: string,
  redact: Redact,
): ApiError {
  const { meta } = exchange;
  const wording = describeMalformed(
    meta.method,
    meta.url,
    exchange.status,
    expected,
    problem,
    meta.requestId,
  );
  return new ApiError({ ...wording, message: redact(wording.message), meta });
}

/** The response body as JSON, or a MALFORMED_RESPONSE error naming what was expected. */
export function parseJson(
  exchange: { status: number; text: string; meta: CallMeta },
  expected: string,
  redact: Redact,
): unknown {
  try {
    return JSON.parse(exchange.text) as unknown;
  } catch {
    const problem = `the body is not JSON (${snippet(redact(exchange.text))})`;
    throw malformedError(exchange, expected, problem, redact);
  }
}

/**
 * The request id to show: the X-Request-Id header, else (error bodies repeat it) the
 * body's; success bodies (big list pages) are not parsed twice. Redacted and cleaned.
 */
export function requestIdFrom(
  header: string | null,
  status: number,
  text: string,
  redact: Redact,
): string | null {
  if (header !== null) return cleanRequestId(redact(header));
  return status >= 400 ? (safeEnvelope(text, redact)?.requestId ?? null) : null;
}

/** The error, saying why no retry came when a retry was possible but not done. */
export function stoppedRetrying(
  error: ApiError,
  plan: RetryPlan,
  limits: { maxRetryAfterMs: number; callTimeoutMs: number },
): ApiError {
  let why: string;
  if (plan.kind === 'too-long') {
    why = `VoIPBIN asked to wait ${formatSeconds(plan.asked)} (Retry-After) before trying again, longer than the ${formatSeconds(limits.maxRetryAfterMs)} outplanctl waits, so it stopped here.`;
  } else if (plan.kind === 'out-of-time') {
    why = `The call's ${formatSeconds(limits.callTimeoutMs)} deadline leaves no time for another attempt.`;
  } else {
    return error;
  }
  return new ApiError({
    code: error.code,
    message: `${error.message}. ${why}`,
    hint: error.hint,
    meta: error.meta,
    reason: error.reason,
    requestId: error.requestId,
  });
}

/** A success body over the size cap: never worth another attempt. */
export function tooLargeError(
  result: { status: number; limit: number; declared: number | null },
  meta: CallMeta,
  redact: Redact,
): ApiError {
  const size =
    result.declared !== null
      ? `declares ${result.declared} bytes`
      : `is larger than ${result.limit} bytes`;
  const id = meta.requestId ? ` (request id ${meta.requestId})` : '';
  return new ApiError({
    code: 'RESPONSE_TOO_LARGE',
    message: redact(
      `${meta.method} ${meta.url} returned ${result.status} with a response too large: the body ${size}, over the ${result.limit}-byte limit; reading stopped there${id}.`,
    ),
    hint: 'A VoIPBIN page of 100 rows is well under 1 MB: check --api-url / VOIPBIN_API_URL (a proxy or a wrong host can answer like this).',
    meta,
    requestId: meta.requestId,
  });
}
