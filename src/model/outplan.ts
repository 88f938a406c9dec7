/**
 * The one outplan model shared by desired (config) and live (API) state.
 *
 * Both sides are normalised into `OutplanFields` before they meet: durations in
 * milliseconds, every `source` subfield present (absent and "" are the same thing to
 * VoIPBIN), defaults applied. Comparing two normalised values is then plain equality,
 * which is what keeps a freshly applied config planning empty.
 */

export const SOURCE_KEYS = ['type', 'target', 'target_name', 'name', 'detail'] as const;
export type SourceKey = (typeof SOURCE_KEYS)[number];
export type Source = Readonly<Record<SourceKey, string>>;

export const MAX_TRY_KEYS = [
  'max_try_count_0',
  'max_try_count_1',
  'max_try_count_2',
  'max_try_count_3',
  'max_try_count_4',
] as const;
export type MaxTryKey = (typeof MAX_TRY_KEYS)[number];

/** `PUT /outplans/{id}` replaces exactly this group. */
export const BASIC_FIELDS = ['name', 'detail'] as const;
/** `PUT /outplans/{id}/dial_info` replaces exactly this group. */
export const DIAL_INFO_FIELDS = [
  'source',
  'dial_timeout',
  'try_interval',
  ...MAX_TRY_KEYS,
] as const;
export const OUTPLAN_FIELDS = [...BASIC_FIELDS, ...DIAL_INFO_FIELDS] as const;
export type FieldName = (typeof OUTPLAN_FIELDS)[number];
export type BasicField = (typeof BASIC_FIELDS)[number];
export type DialInfoField = (typeof DIAL_INFO_FIELDS)[number];

export const DURATION_FIELDS = ['dial_timeout', 'try_interval'] as const;
export type DurationField = (typeof DURATION_FIELDS)[number];

export type OutplanFields = Readonly<
  {
    name: string;
    detail: string;
    source: Source;
    /** milliseconds */
    dial_timeout: number;
    /** milliseconds */
    try_interval: number;
  } & Record<MaxTryKey, number>
>;

/** A live, not-deleted outplan as the planner sees it. */
export interface LiveOutplan {
  readonly id: string;
  readonly fields: OutplanFields;
  /** RFC 3339, as the API reported it (both wire formats are normalised to this). */
  readonly tmCreate: string;
  readonly tmUpdate: string | null;
  readonly tmDelete: string | null;
}

export const EMPTY_SOURCE: Source = Object.freeze({
  type: '',
  target: '',
  target_name: '',
  name: '',
  detail: '',
});

/** Absent, null and "" subfields all mean "empty" to VoIPBIN. */
export function normaliseSource(
  raw: Partial<Record<SourceKey, string | null | undefined>> | null | undefined,
): Source {
  const out: Record<SourceKey, string> = { ...EMPTY_SOURCE };
  if (raw) for (const key of SOURCE_KEYS) out[key] = raw[key] ?? '';
  return out;
}

export function sourcesEqual(a: Source, b: Source): boolean {
  return SOURCE_KEYS.every((key) => a[key] === b[key]);
}

export function fieldEqual(field: FieldName, a: OutplanFields, b: OutplanFields): boolean {
  if (field === 'source') return sourcesEqual(a.source, b.source);
  return a[field] === b[field];
}

/** The fields whose normalised values differ, in the canonical field order. */
export function changedFields(before: OutplanFields, after: OutplanFields): FieldName[] {
  return OUTPLAN_FIELDS.filter((field) => !fieldEqual(field, before, after));
}

export function isBasicField(field: FieldName): field is BasicField {
  return (BASIC_FIELDS as readonly string[]).includes(field);
}

export function pickBasic(fields: OutplanFields): Pick<OutplanFields, BasicField> {
  return { name: fields.name, detail: fields.detail };
}

export function pickDialInfo(fields: OutplanFields): Pick<OutplanFields, DialInfoField> {
  const { name: _name, detail: _detail, ...dialInfo } = fields;
  return dialInfo;
}
