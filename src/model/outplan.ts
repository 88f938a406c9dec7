/**
 * The one outplan model shared by desired (config) and live (API) state, derived from the
 * outplan descriptor (`./outplan-descriptor.ts`).
 *
 * Both sides are normalised into `OutplanFields` before they meet: durations in
 * milliseconds, every `source` subfield present (absent and "" are the same thing to
 * VoIPBIN), defaults applied. Comparing two normalised values is then plain equality,
 * which is what keeps a freshly applied config planning empty.
 */
import {
  EMPTY_SOURCE,
  OUTPLAN_DESCRIPTOR,
  SOURCE_KEYS,
  type FieldGroup,
  type FieldName,
  type OutplanFieldSpec,
  type OutplanFields,
  type Source,
  type SourceKey,
} from './outplan-descriptor.js';

export {
  EMPTY_SOURCE,
  SOURCE_KEYS,
  type FieldName,
  type OutplanFields,
  type Source,
  type SourceKey,
} from './outplan-descriptor.js';

type KeysWhere<Match> = Extract<OutplanFieldSpec, Match>['key'];

export type BasicField = KeysWhere<{ group: 'basic' }>;
export type DialInfoField = KeysWhere<{ group: 'dial_info' }>;
export type DurationField = KeysWhere<{ kind: 'duration' }>;
export type MaxTryKey = KeysWhere<{ kind: 'count' }>;

function keysWhere<K extends FieldName>(test: (spec: OutplanFieldSpec) => boolean): readonly K[] {
  return Object.freeze(OUTPLAN_DESCRIPTOR.filter(test).map((spec) => spec.key as K));
}

/** Every managed field, in the canonical (API) order. */
export const OUTPLAN_FIELDS: readonly FieldName[] = keysWhere(() => true);
/** `PUT /outplans/{id}` replaces exactly this group. */
export const BASIC_FIELDS = keysWhere<BasicField>((s) => s.group === 'basic');
/** `PUT /outplans/{id}/dial_info` replaces exactly this group. */
export const DIAL_INFO_FIELDS = keysWhere<DialInfoField>((s) => s.group === 'dial_info');
export const DURATION_FIELDS = keysWhere<DurationField>((s) => s.kind === 'duration');
export const MAX_TRY_KEYS = keysWhere<MaxTryKey>((s) => s.kind === 'count');

/** A live, not-deleted outplan as the planner sees it. */
export interface LiveOutplan {
  readonly id: string;
  readonly fields: OutplanFields;
  /** RFC 3339, as the API reported it (both wire formats are normalised to this). */
  readonly tmCreate: string;
  readonly tmUpdate: string | null;
  readonly tmDelete: string | null;
}

/** Absent, null and "" subfields all mean "empty" to VoIPBIN. */
export function normaliseSource(
  raw: Partial<Record<SourceKey, string | null | undefined>> | null | undefined,
): Source {
  const out: Record<SourceKey, string> = { ...EMPTY_SOURCE };
  if (raw) for (const key of SOURCE_KEYS) out[key] = raw[key] ?? '';
  return out;
}

export function sourcesEqual(a: Source, b: Source): boolean {
  for (const key of SOURCE_KEYS) if (a[key] !== b[key]) return false;
  return true;
}

export function fieldEqual(field: FieldName, a: OutplanFields, b: OutplanFields): boolean {
  const x = a[field];
  const y = b[field];
  if (typeof x === 'object' && typeof y === 'object') return sourcesEqual(x, y);
  return x === y;
}

/** The fields whose normalised values differ, in the canonical field order. */
export function changedFields(before: OutplanFields, after: OutplanFields): FieldName[] {
  // A plain loop, no callback: the planner runs this once per matched outplan (10 000 in
  // a large account), mostly before V8 has optimised it.
  const changed: FieldName[] = [];
  for (const field of OUTPLAN_FIELDS) if (!fieldEqual(field, before, after)) changed.push(field);
  return changed;
}

const GROUP_OF: ReadonlyMap<FieldName, FieldGroup> = new Map(
  OUTPLAN_DESCRIPTOR.map((spec) => [spec.key, spec.group]),
);

/** The call group a field belongs to (`basic` or `dial_info`). */
export function groupOf(field: FieldName): FieldGroup {
  return GROUP_OF.get(field)!;
}

export function isBasicField(field: FieldName): field is BasicField {
  return groupOf(field) === 'basic';
}

/** The fields of one call group, with their values. */
export function pickGroup(fields: OutplanFields, group: FieldGroup): Partial<OutplanFields> {
  const out: Record<string, unknown> = {};
  for (const spec of OUTPLAN_DESCRIPTOR) if (spec.group === group) out[spec.key] = fields[spec.key];
  return out as Partial<OutplanFields>;
}

export function pickBasic(fields: OutplanFields): Pick<OutplanFields, BasicField> {
  return pickGroup(fields, 'basic') as Pick<OutplanFields, BasicField>;
}

export function pickDialInfo(fields: OutplanFields): Pick<OutplanFields, DialInfoField> {
  return pickGroup(fields, 'dial_info') as Pick<OutplanFields, DialInfoField>;
}
