import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSchema, withEditorKeywords } from '../../src/config/schema.js';
import { MAX_DURATION_MS, formatDuration, parseDuration } from '../../src/model/duration.js';
import { MAX_TRY_KEYS, OUTPLAN_FIELDS, SOURCE_KEYS } from '../../src/model/outplan.js';

const schema = loadSchema() as {
  properties: Record<string, { properties?: Record<string, unknown> }>;
  $defs: Record<string, { properties: Record<string, unknown>; pattern?: string }>;
};

describe('the JSON Schema', () => {
  it('compiles under ajv draft 2020-12 in strict mode, validated against the meta-schema', () => {
    const ajv = withEditorKeywords(
      new Ajv2020({ strict: true, allErrors: true, validateSchema: true }),
    );
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('strict mode still rejects a keyword nobody registered (a misspelt one)', () => {
    const ajv = withEditorKeywords(new Ajv2020({ strict: true }));
    expect(() => ajv.compile({ type: 'string', patternErrorMesage: 'x' })).toThrow(
      /unknown keyword: "patternErrorMesage"/,
    );
    expect(() => ajv.compile({ type: 'string', patternErrorMessage: 42 })).toThrow();
  });

  it('every pattern carries words for editors (patternErrorMessage), never only a regex', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (node === null || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      if (typeof record.pattern === 'string' && typeof record.patternErrorMessage !== 'string')
        missing.push(path);
      for (const [key, value] of Object.entries(record)) walk(value, `${path}/${key}`);
    };
    walk(schema, '#');
    expect(missing).toEqual([]);
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

  it('documents what max_try_count_N means for every N, and that the guide tables do not', () => {
    for (const [index, key] of MAX_TRY_KEYS.entries()) {
      const field = schema.$defs.outplanFields!.properties[key] as { description: string };
      expect(field.description).toContain(
        `maximum number of dial attempts for destination ${index} (destination_${index}) of the outdial target`,
      );
      expect(field.description).toContain('do not describe what the server does');
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

  it('states the duration limit the model enforces', () => {
    const duration = schema.$defs.duration as unknown as Record<string, string>;
    for (const key of ['description', 'errorMessage', 'patternErrorMessage']) {
      expect(duration[key], key).toContain(String(MAX_DURATION_MS));
      expect(duration[key], key).toContain(formatDuration(MAX_DURATION_MS));
    }
  });

  it('rejects what the model rejects: bad syntax, zero, and any part over the limit by itself', () => {
    const pattern = new RegExp(schema.$defs.duration!.pattern!, 'u');
    const accepts = (text: string) => pattern.test(text);
    const over = MAX_DURATION_MS + 1;
    for (const text of ['0s', '0h0m', '00ms', '0h0m0s0ms', '', '30', '1d', '30 sec']) {
      expect(accepts(text), text).toBe(false);
    }
    for (const text of [
      '597h',
      `${Math.floor(over / 60_000) + 1}m`,
      `${Math.floor(over / 1000) + 1}s`,
      `${over}ms`,
      '1h999999999999m',
    ]) {
      expect(parseDuration(text)).toMatchObject({ ok: false, reason: 'too-large' });
      expect(accepts(text), text).toBe(false);
    }
    for (const text of ['596h', '35791m', '2147483s', `${MAX_DURATION_MS}ms`, '596h31m23s647ms'])
      expect(accepts(text), text).toBe(true);
  });

  it('accepts exactly the durations the model parses, but for sums of parts over the limit', () => {
    const pattern = new RegExp(schema.$defs.duration!.pattern!, 'u');
    const accepts = (text: string) => pattern.test(text);
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
    const big = fc
      .tuple(
        fc.option(fc.integer({ min: 0, max: 700 })),
        fc.option(fc.integer({ min: 0, max: 40_000 })),
        fc.option(fc.integer({ min: 0, max: 2_500_000 })),
        fc.option(fc.integer({ min: 0, max: 2_500_000_000 })),
      )
      .map(([h, m, s, ms]) =>
        [
          h === null ? '' : `${h}h`,
          m === null ? '' : `${m}m`,
          s === null ? '' : `${s}s`,
          ms === null ? '' : `${ms}ms`,
        ].join(''),
      );
    fc.assert(
      fc.property(fc.oneof(samples, big), (text) => {
        const parsed = parseDuration(text);
        const parts = text.match(/[0-9]+(?:ms|h|m|s)/g)?.length ?? 0;
        if (parsed.ok) expect(accepts(text), text).toBe(true);
        else if (parsed.reason === 'too-large' && parts > 1) {
          // A regular expression cannot add the parts up; the CLI reports the sum.
        } else expect(accepts(text), text).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('has policy.require_owned_caller_ids, a documented boolean', () => {
    const policy = (schema.properties.policy as { properties: Record<string, unknown> }).properties
      .require_owned_caller_ids as { type: string; description: string };
    expect(policy.type).toBe('boolean');
    expect(policy.description).toContain('active');
  });
});
