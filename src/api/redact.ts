/**
 * Credential redaction. Access keys travel in the URL (`?accesskey=`), so every URL the
 * client reports, and every message or error it passes on, goes through here first.
 */

export const REDACTED = 'REDACTED';

const SECRET_PARAMS = ['accesskey', 'token'];

/** The URL with credential query parameters replaced by `REDACTED`. */
export function redactUrl(url: string): string {
  return url.replace(
    new RegExp(`([?&](?:${SECRET_PARAMS.join('|')})=)[^&#\\s]*`, 'gi'),
    `$1${REDACTED}`,
  );
}

/**
 * Removes every occurrence of each secret (raw and URL-encoded) from a text, and any
 * credential query parameter, whatever its value. The last line of defence for messages
 * that embed text we did not write (undici errors, response bodies).
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      out = out.split(form).join(REDACTED);
    }
  }
  return redactUrl(out);
}

/**
 * A copy of an error safe to keep as a `cause`: same name, code and message, redacted,
 * with its own cause chain redacted too. Undici errors carry request paths (with the
 * access key) in their messages and properties, so the original is never kept.
 */
export function redactError(error: unknown, secrets: readonly string[], depth = 0): Error {
  if (!(error instanceof Error)) return new Error(redactText(String(error), secrets));
  const copy = new Error(redactText(error.message, secrets));
  copy.name = error.name;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') {
    (copy as Error & { code?: string | number }).code = code;
  }
  copy.stack = redactText(error.stack ?? `${copy.name}: ${copy.message}`, secrets);
  if (error.cause !== undefined && depth < 5) {
    copy.cause = redactError(error.cause, secrets, depth + 1);
  }
  return copy;
}
