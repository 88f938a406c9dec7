/**
 * Credential redaction. Access keys travel in the URL (`?accesskey=`), and servers, proxies
 * and error pages may echo a URL back in any encoding, so every URL the client reports,
 * and every text it passes on that it did not write, goes through here first.
 */

export const REDACTED = 'REDACTED';

const SECRET_PARAMS = ['accesskey', 'token'];

/** The URL with credential query parameters replaced by `REDACTED`. */
export function redactUrl(url: string): string {
  return url.replace(
    new RegExp(`([?&](?:${SECRET_PARAMS.join('|')})=)[^&#\\s"'<>]*`, 'gi'),
    `$1${REDACTED}`,
  );
}

/**
 * Every form a secret can take when something echoes it: raw; percent-encoded as
 * `encodeURIComponent`, `encodeURI` and form encoding (`URLSearchParams`: space -> `+`)
 * write it, in upper- and lower-case hex; JSON-escaped, also as Go escapes `& < >`.
 * Longest first, so a form is never half-replaced by a shorter one inside it.
 */
export function secretForms(secret: string): string[] {
  const encoded = [
    encodeURIComponent(secret),
    encodeURI(secret),
    new URLSearchParams([['k', secret]]).toString().slice(2),
  ];
  const withLowerHex = encoded.flatMap((form) => [
    form,
    form.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
  ]);
  const json = JSON.stringify(secret).slice(1, -1);
  const goJson = json.replace(/[&<>]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
  const forms = new Set([secret, json, goJson, ...withLowerHex]);
  return [...forms].filter((form) => form !== '').sort((a, b) => b.length - a.length);
}

/**
 * Removes every form of each secret from a text, and any credential query parameter,
 * whatever its value. The last line of defence for messages that embed text we did not
 * write (undici errors, response bodies, request ids).
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    for (const form of secretForms(secret)) out = out.split(form).join(REDACTED);
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
