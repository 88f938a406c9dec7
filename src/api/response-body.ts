/** Reading what VoIPBIN (or whatever answered instead) sent back. */

export function headerValue(value: string | string[] | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? null : first;
}

export interface Envelope {
  reason: string | null;
  message: string | null;
  requestId: string | null;
}

/** VoIPBIN's `{"error": {status, reason, message, request_id}}`, if that is what came. */
export function readEnvelope(text: string): Envelope | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const error = (parsed as { error?: unknown } | null)?.error;
  if (typeof error !== 'object' || error === null) return null;
  const field = (key: string): string | null => {
    const value = (error as Record<string, unknown>)[key];
    return typeof value === 'string' && value !== '' ? value : null;
  };
  return { reason: field('reason'), message: field('message'), requestId: field('request_id') };
}

/** A short, single-line preview of a body for error messages (redacted by the caller). */
export function snippet(text: string): string {
  if (text.length === 0) return 'empty body';
  const flat = text.replace(/\s+/g, ' ').trim();
  return `body starts ${JSON.stringify(flat.length > 60 ? `${flat.slice(0, 60)}…` : flat)}`;
}

/**
 * Text from the server as it may be shown (a request id, a reason, a message): control
 * characters, which could forge lines or colours on a terminal, become `?`, and it is cut
 * to `max` characters. Redaction is the caller's.
 */
export function cleanUntrusted(value: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** A request id as it may be shown; no real id comes near 200 characters. */
export function cleanRequestId(value: string | null): string | null {
  return value === null ? null : cleanUntrusted(value, 200);
}
