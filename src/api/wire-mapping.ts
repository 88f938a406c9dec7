/**
 * Wire <-> model mapping. Everything the API returns is checked here before it reaches the
 * planner: a field of the wrong type is a malformed response, never a silent default.
 *
 * - Both timestamp formats (RFC 3339 and the older `2022-04-28 01:50:23.414000`) become
 *   RFC 3339 UTC with trailing fractional zeros trimmed.
 * - A year-9999 `tm_delete` (the old sentinel) means "not deleted", i.e. null.
 * - `source` subfields are normalised (absent, null and "" are the same).
 * - Durations stay milliseconds, exactly as on the wire.
 * - Which keys exist, their types and their defaults come from the outplan descriptor.
 */
import type { Campaign } from '../model/campaign.js';
import {
  FIELD_GROUPS,
  OUTPLAN_DESCRIPTOR,
  defaultValueOf,
  type FieldGroup,
  type FieldKind,
} from '../model/outplan-descriptor.js';
import {
  SOURCE_KEYS,
  normaliseSource,
  type BasicField,
  type DialInfoField,
  type FieldName,
  type LiveOutplan,
  type OutplanFields,
  type Source,
  type SourceKey,
} from '../model/outplan.js';
import { NIL_UUID, type CampaignStatus, type WireSource } from '../model/wire.js';

/** The response did not have the shape the reference documents. */
export class WireFormatError extends Error {
  constructor(
    /** Where in the body, e.g. `result[3].dial_timeout`. */
    readonly at: string,
    /** What was expected there, e.g. `an integer`. */
    readonly expected: string,
    readonly got: string,
  ) {
    super(`expected ${at} to be ${expected}, got ${got}`);
    this.name = 'WireFormatError';
  }
}

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses either wire format into RFC 3339 UTC (`2026-01-15T09:30:00.123Z`), keeping the
 * sub-millisecond digits the API has. Returns undefined when the text is not a timestamp.
 */
export function normaliseTimestamp(text: string): string | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  // Indexed, not destructured: a listing runs this for every row, mostly before V8 has
  // optimised it, and array destructuring is slow in the interpreter.
  const fraction = m[7] ?? '';
  const zone = m[8] ?? 'Z';
  let date = `${m[1]}-${m[2]}-${m[3]}`;
  let time = `${m[4]}:${m[5]}:${m[6]}`;
  const base = Date.parse(`${date}T${time}${zone === 'Z' ? 'Z' : withColon(zone)}`);
  if (Number.isNaN(base)) return undefined;
  if (zone !== 'Z' && zone !== '+00:00' && zone !== '+0000') {
    // Shift to UTC at second precision; the fraction is unaffected by a whole-minute offset.
    const iso = new Date(base).toISOString();
    date = iso.slice(0, 10);
    time = iso.slice(11, 19);
  }
  const trimmed = fraction.endsWith('0') ? fraction.replace(/0+$/, '') : fraction;
  return `${date}T${time}${trimmed ? `.${trimmed}` : ''}Z`;
}

function withColon(zone: string): string {
  return zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
}

/** The old "not deleted" sentinel is any year-9999 value. */
export function isSentinel(text: string): boolean {
  return text.startsWith('9999-');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? 'a long string' : JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expectRecord(value: unknown, at: string): Record<string, unknown> {
  if (!isRecord(value)) throw new WireFormatError(at, 'an object', describe(value));
  return value;
}

function expectString(value: unknown, at: string): string {
  if (typeof value !== 'string') throw new WireFormatError(at, 'a string', describe(value));
  return value;
}

function expectInteger(value: unknown, at: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new WireFormatError(at, 'an integer', describe(value));
  }
  return value;
}

function expectTimestamp(value: unknown, at: string): string {
  const text = expectString(value, at);
  const parsed = normaliseTimestamp(text);
  if (parsed === undefined) throw new WireFormatError(at, 'a timestamp', describe(value));
  return parsed;
}

/** null, "" and the year-9999 sentinel all mean "unset". */
function expectOptionalTimestamp(value: unknown, at: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string' && isSentinel(value)) return null;
  return expectTimestamp(value, at);
}

function parseSource(value: unknown, at: string): Source {
  if (value === null || value === undefined) return normaliseSource(null);
  const raw = expectRecord(value, at);
  const out: Partial<Record<SourceKey, string | null>> = {};
  for (const key of SOURCE_KEYS) {
    const sub = raw[key];
    if (sub === undefined || sub === null) continue;
    out[key] = expectString(sub, `${at}.${key}`);
  }
  return normaliseSource(out);
}

/**
 * One outplan from the wire, deleted or not (tmDelete tells). Fields are read as the outplan
 * descriptor says: a key the API does not send (yet) takes its default, as the API itself
 * stores it, so a field added to the descriptor never fails a listing; a key of the wrong
 * type is malformed.
 */
export function parseWireOutplan(value: unknown, at = 'body'): LiveOutplan {
  const raw = expectRecord(value, at);
  const fields: Record<string, unknown> = {};
  for (const spec of OUTPLAN_DESCRIPTOR) {
    const wire = raw[spec.wireKey];
    if (wire === undefined && spec.absent === 'default')
      fields[spec.key] = defaultValueOf(spec.kind);
    else fields[spec.key] = parseField(spec.kind, wire, at, spec.wireKey);
  }
  return {
    id: expectString(raw.id, `${at}.id`),
    fields: fields as OutplanFields,
    tmCreate: expectTimestamp(raw.tm_create, `${at}.tm_create`),
    tmUpdate: expectOptionalTimestamp(raw.tm_update, `${at}.tm_update`),
    tmDelete: expectOptionalTimestamp(raw.tm_delete, `${at}.tm_delete`),
  };
}

/**
 * The common case returns without building the field's path (`result[7].dial_timeout`):
 * a listing checks a dozen fields of every row, and the path is only for an error.
 */
function parseField(kind: FieldKind, value: unknown, at: string, key: string): unknown {
  switch (kind) {
    case 'text':
      return typeof value === 'string' ? value : expectString(value, `${at}.${key}`);
    case 'address':
      return parseSource(value, `${at}.${key}`);
    case 'duration':
    case 'count':
      return typeof value === 'number' && Number.isInteger(value)
        ? value
        : expectInteger(value, `${at}.${key}`);
    default: {
      const never: never = kind;
      return never;
    }
  }
}

const CAMPAIGN_STATUSES: readonly string[] = ['run', 'stopping', 'stop'] satisfies CampaignStatus[];

/** A campaign from the wire; `deleted` tells whether `tm_delete` is set. */
export function parseWireCampaign(
  value: unknown,
  at = 'body',
): { campaign: Campaign; deleted: boolean } {
  const raw = expectRecord(value, at);
  const status = expectString(raw.status, `${at}.status`);
  if (!CAMPAIGN_STATUSES.includes(status)) {
    throw new WireFormatError(`${at}.status`, 'one of run, stopping, stop', describe(status));
  }
  const outplanId = expectString(raw.outplan_id, `${at}.outplan_id`);
  return {
    campaign: {
      id: expectString(raw.id, `${at}.id`),
      name: expectString(raw.name, `${at}.name`),
      status: status as CampaignStatus,
      outplanId: outplanId === NIL_UUID || outplanId === '' ? null : outplanId,
    },
    deleted: expectOptionalTimestamp(raw.tm_delete, `${at}.tm_delete`) !== null,
  };
}

/** One list page: the raw items (parsed by the caller) and the cursor. */
export function parseWirePage(value: unknown): { items: unknown[]; nextPageToken: string } {
  const raw = expectRecord(value, 'body');
  if (!Array.isArray(raw.result)) {
    throw new WireFormatError('body.result', 'an array', describe(raw.result));
  }
  const token = raw.next_page_token;
  // A missing or null token can only mean "no more pages"; anything else must be a string.
  const nextPageToken =
    token === undefined || token === null ? '' : expectString(token, 'body.next_page_token');
  return { items: raw.result, nextPageToken };
}

/** `source` as the API writes it: empty subfields omitted, `{}` when none. */
export function toWireSource(source: Source): WireSource {
  const out: WireSource = {};
  for (const key of SOURCE_KEYS) if (source[key] !== '') out[key] = source[key];
  return out;
}

/** A field's value as the API takes it (`source` with empty subfields left out). */
function toWireValue(kind: FieldKind, value: OutplanFields[FieldName]): unknown {
  return kind === 'address' ? toWireSource(value as Source) : value;
}

/**
 * The body of one call group, always complete: a PUT replaces its whole group, so a field
 * left out would be zeroed by the server.
 */
export function toWireGroup(
  fields: Partial<OutplanFields>,
  group: FieldGroup,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of OUTPLAN_DESCRIPTOR) {
    if (spec.group !== group) continue;
    const value = fields[spec.key];
    if (value === undefined) throw new TypeError(`${group} group is missing ${spec.key}`);
    out[spec.wireKey] = toWireValue(spec.kind, value);
  }
  return out;
}

/** The complete `PUT /outplans/{id}` group. */
export function toWireBasic(fields: Pick<OutplanFields, BasicField>): Record<string, unknown> {
  return toWireGroup(fields, 'basic');
}

/** The complete `PUT /outplans/{id}/dial_info` group: source and all seven numbers. */
export function toWireDialInfo(
  fields: Pick<OutplanFields, DialInfoField>,
): Record<string, unknown> {
  return toWireGroup(fields, 'dial_info');
}

/** The `POST /outplans` body: every field, so nothing is zero-filled by the server. */
export function toWireCreate(fields: OutplanFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const group of FIELD_GROUPS) Object.assign(out, toWireGroup(fields, group));
  return out;
}
