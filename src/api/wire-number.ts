/**
 * A number from `GET /numbers`, checked and mapped to what the caller-ID check needs. The
 * server sends 17 keys; only those that decide whether a number is a valid caller ID are
 * read (and must have the right type): a key this client ignores cannot fail a plan.
 * Timestamps come in both forms the docs show; `""`, null and a year-9999 value are unset.
 */
import type { AccountNumber } from '../model/number.js';
import { WireFormatError, isSentinel, normaliseTimestamp } from './wire-mapping.js';

function field(raw: Record<string, unknown>, key: string, at: string): string {
  const value = raw[key];
  if (typeof value !== 'string') {
    throw new WireFormatError(`${at}.${key}`, 'a string', value === null ? 'null' : typeof value);
  }
  return value;
}

/** null when unset (absent, null, "", year 9999); otherwise it must be a timestamp. */
function optionalTimestamp(raw: Record<string, unknown>, key: string, at: string): string | null {
  const value = raw[key];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' && isSentinel(value)) return null;
  const parsed = typeof value === 'string' ? normaliseTimestamp(value) : undefined;
  if (parsed === undefined) throw new WireFormatError(`${at}.${key}`, 'a timestamp', typeof value);
  return parsed;
}

/** One listed number; `deleted` when `tm_delete` is set (the list should never hold one). */
export function parseWireNumber(
  value: unknown,
  at = 'body',
): { number: AccountNumber; deleted: boolean } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WireFormatError(at, 'an object', Array.isArray(value) ? 'an array' : typeof value);
  }
  const raw = value as Record<string, unknown>;
  const number: AccountNumber = {
    id: field(raw, 'id', at),
    number: field(raw, 'number', at),
    type: field(raw, 'type', at),
    status: field(raw, 'status', at),
  };
  const created = optionalTimestamp(raw, 'tm_create', at);
  if (created === null) throw new WireFormatError(`${at}.tm_create`, 'a timestamp', 'unset');
  const deleted = optionalTimestamp(raw, 'tm_delete', at) !== null || number.status === 'deleted';
  return { number, deleted };
}
