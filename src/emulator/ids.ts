import { createHash, randomBytes, randomUUID } from 'node:crypto';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NIL = '00000000-0000-0000-0000-000000000000';

/**
 * A path id as the service accepts it: a canonical UUID (either case), not the nil UUID.
 * Returns the lower-case form, or null for an INVALID_ID.
 */
export function parseId(raw: string): string | null {
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (!UUID_PATTERN.test(text)) return null;
  const id = text.toLowerCase();
  return id === NIL ? null : id;
}

export function isUuid(text: string): boolean {
  return UUID_PATTERN.test(text);
}

export function newId(): string {
  return randomUUID();
}

/**
 * A customer's id, derived from its access key so that a state file (which never holds a
 * credential) reconnects to the same customers when the emulator restarts with the same keys.
 */
export function customerIdForKey(accessKey: string): string {
  const hex = createHash('sha256').update(`outplanctl-emulator:${accessKey}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function newAccessKey(): string {
  return `vb_${randomBytes(20).toString('hex')}`;
}

export function newRequestId(): string {
  return `req_${randomBytes(8).toString('hex').toUpperCase()}`;
}

/** A JWT-shaped token (header.payload.signature); only its exact string is ever checked. */
export function newJwt(customerId: string, expiresAtMs: number): string {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = b64({ alg: 'HS256', typ: 'JWT' });
  const payload = b64({ customer_id: customerId, exp: Math.floor(expiresAtMs / 1000) });
  return `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
}
