/**
 * Binds a parsed JSON body to a request shape the way the service's Go handlers do
 * (encoding/json into a struct): keys match field names exactly or case-insensitively,
 * unknown keys are ignored, `null` leaves a field alone, and a value of the wrong JSON
 * type is an error (the caller answers 400 INVALID_JSON_BODY). There is no other
 * validation: whatever is missing stays at its zero value.
 */
import { SOURCE_KEYS, type SourceKey } from '../model/outplan.js';
import { JsonNumber, JsonObject, type JsonValue } from './json-parse.js';
import { isUuid } from './ids.js';

export type FieldKind = 'string' | 'int32' | 'address' | 'uuid';
export type Address = Partial<Record<SourceKey, string>>;
type ValueOf<K extends FieldKind> = K extends 'int32'
  ? number
  : K extends 'address'
    ? Address
    : string;
export type Bound<S extends Record<string, FieldKind>> = {
  -readonly [K in keyof S]?: ValueOf<S[K]>;
};

export class BindError extends Error {}

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
const ADDRESS_SCHEMA = Object.fromEntries(SOURCE_KEYS.map((k) => [k, 'string'])) as Record<
  SourceKey,
  'string'
>;

export function bindBody<S extends Record<string, FieldKind>>(
  body: JsonValue,
  schema: S,
): Bound<S> {
  const out: Record<string, unknown> = {};
  if (body === null) return out as Bound<S>; // Go: decoding `null` into a struct is a no-op
  if (!(body instanceof JsonObject)) throw new BindError('the body must be a JSON object');
  bindInto(body, schema, out);
  return out as Bound<S>;
}

function bindInto(
  obj: JsonObject,
  schema: Record<string, FieldKind>,
  out: Record<string, unknown>,
) {
  for (const [key, value] of obj.entries) {
    const field = findField(schema, key);
    if (field === undefined || value === null) continue;
    out[field] = bindValue(field, schema[field]!, value, out[field]);
  }
}

/** Go's rule: an exact match wins, else a case-insensitive one. */
function findField(schema: Record<string, FieldKind>, key: string): string | undefined {
  if (Object.hasOwn(schema, key)) return key;
  const lower = key.toLowerCase();
  return Object.keys(schema).find((name) => name.toLowerCase() === lower);
}

function bindValue(field: string, kind: FieldKind, value: JsonValue, previous: unknown): unknown {
  switch (kind) {
    case 'string':
      if (typeof value !== 'string') throw new BindError(`${field} must be a string`);
      return value;
    case 'uuid':
      if (typeof value !== 'string' || !isUuid(value))
        throw new BindError(`${field} must be a UUID string`);
      return value.toLowerCase();
    case 'int32':
      return bindInt32(field, value);
    case 'address': {
      if (!(value instanceof JsonObject)) throw new BindError(`${field} must be an object`);
      // Go decodes into the existing struct, so a repeated key merges.
      const merged: Record<string, unknown> = { ...(previous as Address | undefined) };
      bindInto(value, ADDRESS_SCHEMA, merged);
      return merged;
    }
    default: {
      const never: never = kind;
      return never;
    }
  }
}

function bindInt32(field: string, value: JsonValue): number {
  // Go parses the literal with strconv.ParseInt: no fraction, no exponent.
  if (!(value instanceof JsonNumber) || !/^-?\d+$/.test(value.raw))
    throw new BindError(`${field} must be an integer`);
  const n = Number(value.raw);
  if (n < INT32_MIN || n > INT32_MAX) throw new BindError(`${field} does not fit in 32 bits`);
  return n === 0 ? 0 : n; // no -0
}
