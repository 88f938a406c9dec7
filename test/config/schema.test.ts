import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSchema } from '../../src/config/schema.js';
import { parseDuration } from '../../src/model/duration.js';
import { MAX_TRY_KEYS, OUTPLAN_FIELDS, SOURCE_KEYS } from '../../src/model/outplan.js';

const schema = loadSchema() as {
  properties: Record<string, { properties?: Record<string, unknown> }>;
  $defs: Record<string, { properties: Record<string, unknown>; pattern?: string }>;
};

describe('the JSON Schema', () => {
  it('compiles under ajv draft 2020-12 in strict mode, validated against the meta-schema', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true, validateSchema: true });
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('declares every outplan field of the model, and nothing else but the id pin', () => {
    expect(Object.keys(schema.$defs.outplan!.properties).sort()).toEqual(
      [...OUTPLAN_FIELDS, 'id'].sort(),
    );
  });

  it('lets defaults carry every field except name (and no id)', () => {
    expect(Object.keys(schema.$defs.outplanFields!.properties).sort()).toEqual(
      OUTPLAN_FIELDS.filter((f) => f !== 'name').sort(),
    );
  });

  it('declares exactly the model source subfields', () => {
    expect(Object.keys(schema.$defs.source!.properties).sort()).toEqual([...SOURCE_KEYS].sort());
  });

  it('documents what max_try_count_N means for every N', () => {
    for (const [index, key] of MAX_TRY_KEYS.entries()) {
      const field = schema.$defs.outplanFields!.properties[key] as { description: string };
      expect(field.description).toContain(`destination_${index}`);
    }
  });

  it('has a top level of defaults, outplans, prune and policy', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([
      'defaults',
      'outplans',
      'policy',
      'prune',
    ]);
  });

  it('accepts exactly the duration syntax the model parses', () => {
    const pattern = new RegExp(schema.$defs.duration!.pattern!);
    const accepts = (text: string) => text.length >= 2 && pattern.test(text);
    const samples = fc.oneof(
      fc.stringMatching(/^[0-9hms]{0,8}$/),
      fc
        .tuple(
          fc.option(fc.nat(999)),
          fc.option(fc.nat(999)),
          fc.option(fc.nat(999)),
          fc.option(fc.nat(999)),
        )
        .map(([h, m, s, ms]) =>
          [
            h === null ? '' : `${h}h`,
            m === null ? '' : `${m}m`,
            s === null ? '' : `${s}s`,
            ms === null ? '' : `${ms}ms`,
          ].join(''),
        ),
    );
    fc.assert(
      fc.property(samples, (text) => {
        const parsed = parseDuration(text);
        const modelSyntaxOk = parsed.ok || parsed.reason !== 'syntax';
        expect(accepts(text)).toBe(modelSyntaxOk);
      }),
      { numRuns: 2000 },
    );
  });
});
