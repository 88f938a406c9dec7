/**
 * The saved plan's format as a JSON Schema (2020-12), and the check `parseSavedPlan` runs
 * with it once the checksum matched: a file written by something else entirely never
 * reaches apply as a malformed change.
 *
 * Why here, built in code: the outplan's field shapes come from the outplan descriptor, so
 * a new field reaches the saved-plan format without restating it; and the plan layer stays
 * pure (ajv compiles a value, it reads no file). `schemas/saved-plan.schema.json` is this
 * schema published for other tools; a test fails when the file and this value differ
 * (`npx vitest run -u test/plan/saved-plan-schema.test.ts` rewrites it).
 *
 * Compatibility (docs/plan-json.md): only the fields of format_version 1 are required in
 * an outplan's field set; a field added later may be absent and reads as its default, so
 * older saved plans keep loading. Unknown keys are refused where apply acts on them (the
 * top level, changes, field sets): an older outplanctl cannot honour what it does not know.
 */
import {
  INT32_MAX,
  INT32_MIN,
  OUTPLAN_DESCRIPTOR,
  SOURCE_KEYS,
  type FieldKind,
} from '../model/outplan-descriptor.js';

/** The fields every format_version 1 file has; later fields may be absent (their default). */
export const FORMAT_1_FIELDS = [
  'name',
  'detail',
  'source',
  'dial_timeout',
  'try_interval',
  'max_try_count_0',
  'max_try_count_1',
  'max_try_count_2',
  'max_try_count_3',
  'max_try_count_4',
] as const;

const INT32 = { type: 'integer', minimum: INT32_MIN, maximum: INT32_MAX } as const;

function valueSchema(kind: FieldKind): object {
  switch (kind) {
    case 'text':
      return { type: 'string' };
    case 'address':
      return {
        type: 'object',
        additionalProperties: false,
        required: [...SOURCE_KEYS],
        properties: Object.fromEntries(SOURCE_KEYS.map((key) => [key, { type: 'string' }])),
      };
    case 'duration':
    case 'count':
      return INT32;
    default: {
      const never: never = kind;
      return never;
    }
  }
}

const position = {
  type: 'object',
  required: ['file', 'line', 'col'],
  properties: {
    file: { type: 'string' },
    line: { type: 'integer', minimum: 1 },
    col: { type: 'integer', minimum: 1 },
  },
};

const campaign = {
  type: 'object',
  required: ['id', 'name', 'status'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    status: { enum: ['run', 'stopping', 'stop'] },
  },
};

const note = {
  type: 'object',
  required: ['code', 'severity', 'message'],
  properties: {
    code: { type: 'string' },
    severity: { enum: ['info', 'warning'] },
    message: { type: 'string' },
  },
};

/** Keys every change has, whatever its action. */
const changeBase = {
  name: { type: 'string' },
  campaigns: { type: 'array', items: { $ref: '#/$defs/campaign' } },
  notes: { type: 'array', items: { $ref: '#/$defs/note' } },
};

function change(
  action: string,
  extra: Record<string, object>,
  calls: object,
  optional: Record<string, object> = {},
): object {
  const properties = { action: { const: action }, ...changeBase, calls, ...extra };
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties),
    properties: { ...properties, ...optional },
  };
}

const fieldsRef = { $ref: '#/$defs/fields' };
const oneCall = (call: string) => ({
  type: 'array',
  minItems: 1,
  maxItems: 1,
  items: { const: call },
});

export const SAVED_PLAN_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://github.com/outplanctl/outplanctl/schemas/saved-plan.schema.json',
  title: 'outplanctl saved plan',
  description:
    'The file `outplanctl plan --out FILE` writes and `outplanctl apply --plan FILE` reads (docs/plan-json.md). Never edit one: its checksum covers every key.',
  type: 'object',
  additionalProperties: false,
  required: [
    'kind',
    'format_version',
    'tool_version',
    'created_at',
    'api_url',
    'config_digest',
    'prune',
    'summary',
    'plan',
    'live_fingerprint',
    'checksum',
  ],
  properties: {
    kind: { const: 'outplanctl-saved-plan' },
    format_version: { const: 1 },
    tool_version: { type: 'string' },
    created_at: { type: 'string' },
    api_url: { type: 'string' },
    config_digest: { type: 'string' },
    prune: { type: 'boolean' },
    safety: {
      description:
        'The safety settings `plan` ran with; absent in files written before it existed.',
      type: 'object',
      additionalProperties: false,
      required: ['max_delete_share', 'allow_mass_delete', 'allow_delete_in_use'],
      properties: {
        max_delete_share: { type: 'number', minimum: 0, maximum: 1 },
        allow_mass_delete: { type: 'boolean' },
        allow_delete_in_use: { type: 'boolean' },
      },
    },
    summary: {
      type: 'object',
      required: ['create', 'update', 'delete', 'unchanged'],
      properties: Object.fromEntries(
        ['create', 'update', 'delete', 'unchanged'].map((k) => [
          k,
          { type: 'integer', minimum: 0 },
        ]),
      ),
    },
    plan: {
      type: 'object',
      required: ['changes', 'unchanged', 'unmanaged', 'warnings'],
      properties: {
        changes: { type: 'array', items: { $ref: '#/$defs/change' } },
        unchanged: { type: 'integer', minimum: 0 },
        unmanaged: { type: 'array', items: { type: 'object' } },
        warnings: {
          type: 'array',
          items: {
            type: 'object',
            required: ['code', 'message'],
            properties: { code: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
    live_fingerprint: {
      type: 'object',
      additionalProperties: false,
      required: ['digest', 'outplans'],
      properties: {
        digest: { type: 'string' },
        outplans: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'name', 'tm_update', 'tm_delete'],
            properties: {
              id: { type: 'string' },
              name: { type: 'string' },
              tm_update: { type: ['string', 'null'] },
              tm_delete: { type: ['string', 'null'] },
            },
          },
        },
      },
    },
    checksum: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' },
  },
  $defs: {
    fields: {
      description:
        'A complete outplan field set in API units (milliseconds, the full source object). Fields added after format_version 1 may be absent and read as their default.',
      type: 'object',
      additionalProperties: false,
      required: [...FORMAT_1_FIELDS],
      properties: Object.fromEntries(
        OUTPLAN_DESCRIPTOR.map((spec) => [spec.key, valueSchema(spec.kind)]),
      ),
    },
    position,
    campaign,
    note,
    change: {
      type: 'object',
      required: ['action'],
      properties: { action: { enum: ['create', 'update', 'delete'] } },
      discriminator: { propertyName: 'action' },
      oneOf: [
        change(
          'create',
          { id: { type: 'null' }, after: fieldsRef, at: { $ref: '#/$defs/position' } },
          oneCall('create'),
        ),
        change(
          'update',
          {
            id: { type: 'string' },
            before: fieldsRef,
            after: fieldsRef,
            changed: {
              type: 'array',
              minItems: 1,
              items: { enum: OUTPLAN_DESCRIPTOR.map((spec) => spec.key) },
            },
            at: { $ref: '#/$defs/position' },
          },
          {
            type: 'array',
            minItems: 1,
            maxItems: 2,
            uniqueItems: true,
            items: { enum: ['update_basic', 'update_dial_info'] },
          },
        ),
        change('delete', { id: { type: 'string' }, before: fieldsRef }, oneCall('delete'), {
          // An identical duplicate's delete: the id of the copy that stays.
          original: { type: 'string' },
        }),
      ],
    },
  },
} as const;
