/**
 * The outplan, described once. Every layer that spells out the outplan's fields derives
 * them from this table: the model's field lists and `OutplanFields` type, the wire mapping
 * (which key, what default when the API does not send it), the planner's call grouping
 * (which PUT replaces which fields), the emulator's rows and request shapes, the
 * renderers (how a value reads) and `export` (when a value may be left out).
 *
 * Adding a field the API gains is one row here (plus the config schema and docs). Another
 * managed resource is another table of the same `FieldSpec` shape plus its routes
 * (`./routes.ts`). See ../shared/reference/voipbin-outplan-api.md.
 */

/** An address (`source`): five string subfields; absent, null and "" are the same thing. */
export const SOURCE_KEYS = ['type', 'target', 'target_name', 'name', 'detail'] as const;
export type SourceKey = (typeof SOURCE_KEYS)[number];
export type Source = Readonly<Record<SourceKey, string>>;

export const EMPTY_SOURCE: Source = Object.freeze({
  type: '',
  target: '',
  target_name: '',
  name: '',
  detail: '',
});

export const INT32_MIN = -2_147_483_648;
export const INT32_MAX = 2_147_483_647;

/**
 * What a field holds; fixes its model type, its wire type and how plans show it.
 * - `text`: a string.
 * - `address`: a `Source` (`{type, target, target_name, name, detail}`).
 * - `duration`: integer milliseconds on the wire and in the model, a unit string in config.
 * - `count`: an integer number of attempts.
 */
export type FieldKind = 'text' | 'address' | 'duration' | 'count';

/** The model type of each kind. */
export interface FieldValueOf {
  text: string;
  address: Source;
  duration: number;
  count: number;
}

/** How a kind travels: the emulator binds request bodies with exactly these types. */
export const WIRE_TYPE_OF = {
  text: 'string',
  address: 'address',
  duration: 'int32',
  count: 'int32',
} as const satisfies Record<FieldKind, string>;

export interface FieldSpec {
  /** The model and config key. */
  readonly key: string;
  /** The key in API bodies (the same for every outplan field today). */
  readonly wireKey: string;
  /** The call group: which update call replaces this field (`update_<group>`). */
  readonly group: string;
  readonly kind: FieldKind;
  /**
   * Inclusive range a config may declare (the API itself takes any int32). Absent: any value
   * of the kind (for durations: 1 ms up to `INT32_MAX` ms, or unset where not required).
   */
  readonly range?: { readonly min: number; readonly max: number };
  /** A config must declare it (directly or through `defaults`). */
  readonly required: boolean;
  /**
   * What the API means when it omits the key (and what it stores when a request omits it):
   * "", 0 or an empty address. A listing without the key reads as this value, so a field the
   * API does not send yet never fails a listing.
   */
  readonly absent: 'default' | 'malformed';
  /** One line for people: docs, hover text, hints. */
  readonly description: string;
}

/**
 * The outplan's managed fields, in the API's key order (which is also the plan's field
 * order). Groups: `PUT /outplans/{id}` replaces `basic`, `PUT /outplans/{id}/dial_info`
 * replaces `dial_info`; `POST /outplans` sends both.
 */
export const OUTPLAN_DESCRIPTOR = [
  {
    key: 'name',
    wireKey: 'name',
    group: 'basic',
    kind: 'text',
    required: true,
    // A row without its name cannot be matched to a declaration: malformed, never "".
    absent: 'malformed',
    description: 'The outplan name; outplanctl matches live outplans by it unless `id:` pins one.',
  },
  {
    key: 'detail',
    wireKey: 'detail',
    group: 'basic',
    kind: 'text',
    required: false,
    absent: 'default',
    description: 'Free text.',
  },
  {
    key: 'source',
    wireKey: 'source',
    group: 'dial_info',
    kind: 'address',
    required: false,
    absent: 'default',
    description: 'The caller ID (`type: tel` with an E.164 `target`) or another address.',
  },
  {
    key: 'dial_timeout',
    wireKey: 'dial_timeout',
    group: 'dial_info',
    kind: 'duration',
    required: false,
    absent: 'default',
    description: 'How long one dial attempt rings before giving up (milliseconds on the wire).',
  },
  {
    key: 'try_interval',
    wireKey: 'try_interval',
    group: 'dial_info',
    kind: 'duration',
    required: true,
    absent: 'default',
    description: 'The wait between attempts (milliseconds on the wire).',
  },
  ...countFields(['0', '1', '2', '3', '4']),
] as const satisfies readonly FieldSpec[];

/** `max_try_count_N`: the attempts for `destination_N` of an outdial target. */
function countFields<const N extends readonly string[]>(indices: N) {
  return indices.map((n) => ({
    key: `max_try_count_${n}` as `max_try_count_${N[number]}`,
    wireKey: `max_try_count_${n}` as `max_try_count_${N[number]}`,
    group: 'dial_info' as const,
    kind: 'count' as const,
    range: { min: 0, max: 100 },
    required: false as const,
    absent: 'default' as const,
    description: `The maximum dial attempts for destination_${n} of the outdial target (a destination index, not a result type).`,
  }));
}

export type OutplanFieldSpec = (typeof OUTPLAN_DESCRIPTOR)[number];
export type FieldName = OutplanFieldSpec['key'];
export type FieldGroup = OutplanFieldSpec['group'];

/** The normalised field values (durations in milliseconds, every source subfield present). */
export type OutplanFields = Readonly<{
  [S in OutplanFieldSpec as S['key']]: FieldValueOf[S['kind']];
}>;

/** The call groups in the order apply makes them: `update_basic` before `update_dial_info`. */
export const FIELD_GROUPS = ['basic', 'dial_info'] as const satisfies readonly FieldGroup[];

const SPEC_BY_KEY: ReadonlyMap<string, OutplanFieldSpec> = new Map(
  OUTPLAN_DESCRIPTOR.map((spec) => [spec.key, spec]),
);

/** The spec of one field. */
export function fieldSpec(field: FieldName): OutplanFieldSpec {
  return SPEC_BY_KEY.get(field)!;
}

/** The value the API stores (and sends) for a field nobody set: "", 0 or an empty address. */
export function defaultValueOf<K extends FieldKind>(kind: K): FieldValueOf[K] {
  const defaults: FieldValueOf = { text: '', address: EMPTY_SOURCE, duration: 0, count: 0 };
  return defaults[kind];
}
