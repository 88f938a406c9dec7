import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWireOutplan, toWireCreate, toWireDialInfo } from '../../src/api/wire-mapping.js';
import { groupBodySchema, outplanRecord, outplanValues } from '../../src/emulator/records.js';
import {
  OUTPLAN_DESCRIPTOR,
  defaultValueOf,
  fieldSpec,
} from '../../src/model/outplan-descriptor.js';
import {
  BASIC_FIELDS,
  DIAL_INFO_FIELDS,
  DURATION_FIELDS,
  MAX_TRY_KEYS,
  OUTPLAN_FIELDS,
  pickDialInfo,
} from '../../src/model/outplan.js';
import { exportConfig } from '../../src/render/export-config.js';
import { fields, liveOutplan, uuid } from '../plan/builders.js';

const WIRE_ROW = {
  id: uuid(1),
  customer_id: uuid(9),
  name: 'Sales',
  detail: '',
  source: { type: 'tel', target: '+15559876543' },
  dial_timeout: 30000,
  try_interval: 600000,
  max_try_count_0: 3,
  max_try_count_1: 3,
  max_try_count_2: 3,
  max_try_count_3: 3,
  max_try_count_4: 3,
  tm_create: '2026-01-15T09:30:00.123Z',
  tm_update: null,
  tm_delete: null,
};

describe('the outplan descriptor', () => {
  it('is where the field lists and call groups come from', () => {
    expect(OUTPLAN_FIELDS).toEqual(OUTPLAN_DESCRIPTOR.map((s) => s.key));
    expect(BASIC_FIELDS).toEqual(['name', 'detail']);
    expect(DIAL_INFO_FIELDS).toEqual([
      'source',
      'dial_timeout',
      'try_interval',
      'max_try_count_0',
      'max_try_count_1',
      'max_try_count_2',
      'max_try_count_3',
      'max_try_count_4',
    ]);
    expect(DURATION_FIELDS).toEqual(['dial_timeout', 'try_interval']);
    expect(MAX_TRY_KEYS).toHaveLength(5);
    expect(fieldSpec('source').kind).toBe('address');
  });

  it('agrees with the config schema on which keys exist and what a count may be', () => {
    const schema = JSON.parse(readFileSync('schemas/outplans.schema.json', 'utf8')) as {
      $defs: Record<string, { properties?: Record<string, unknown> } & Record<string, unknown>>;
    };
    const configKeys = Object.keys(schema.$defs.outplanFields!.properties!);
    expect(['name', ...configKeys].sort()).toEqual([...OUTPLAN_FIELDS].sort());
    for (const spec of OUTPLAN_DESCRIPTOR) {
      if (spec.kind !== 'count') continue;
      expect([schema.$defs.tryCount!.minimum, schema.$defs.tryCount!.maximum]).toEqual([
        spec.range.min,
        spec.range.max,
      ]);
    }
  });

  it('gives a field the API does not send its default, so a new field never fails a listing', () => {
    const { max_try_count_4: _dropped, detail: _detail, source: _source, ...older } = WIRE_ROW;
    const parsed = parseWireOutplan(older);
    expect(parsed.fields.max_try_count_4).toBe(defaultValueOf('count'));
    expect(parsed.fields.detail).toBe('');
    expect(parsed.fields.source).toEqual(defaultValueOf('address'));
  });

  it('still calls a row without its name malformed (it could not be matched)', () => {
    const { name: _name, ...nameless } = WIRE_ROW;
    expect(() => parseWireOutplan(nameless)).toThrow(/body\.name to be a string/);
    expect(() => parseWireOutplan({ ...WIRE_ROW, max_try_count_2: '3' })).toThrow(
      /body\.max_try_count_2 to be an integer/,
    );
  });

  it('drives the request bodies: every group complete, in the API key order', () => {
    const f = fields({ source: { target_name: '' } });
    expect(Object.keys(toWireCreate(f))).toEqual(OUTPLAN_DESCRIPTOR.map((s) => s.wireKey));
    expect(Object.keys(toWireDialInfo(pickDialInfo(f)))).toEqual(DIAL_INFO_FIELDS);
    expect(toWireCreate(f).source).toEqual({ type: 'tel', target: '+15559876543' });
  });

  it("drives the emulator's rows and request shapes", () => {
    const row = outplanRecord({ ...WIRE_ROW, ...outplanValues({ name: 'x' }) });
    expect(Object.keys(row)).toEqual(Object.keys(WIRE_ROW));
    expect(row).toMatchObject({ name: 'x', detail: '', source: {}, max_try_count_3: 0 });
    expect(groupBodySchema('basic')).toEqual({ name: 'string', detail: 'string' });
    expect(groupBodySchema('dial_info')).toMatchObject({
      source: 'address',
      try_interval: 'int32',
    });
  });

  it('drives export: defaults left out, required fields always written, ranges checked', () => {
    const live = [
      liveOutplan(uuid(1), {
        name: 'Quiet',
        source: { type: '', target: '' },
        dial_timeout: 0,
        max_try_count_0: 0,
        max_try_count_1: 101,
      }),
    ];
    const { yaml, warnings } = exportConfig(live, 'schema.json');
    expect(yaml).toContain('- name: Quiet\n    try_interval: 10m\n    max_try_count_1: 101\n');
    expect(yaml).not.toContain('dial_timeout');
    expect(warnings).toEqual([
      `outplan "Quiet" (${uuid(1)}): max_try_count_1 is 101 (allowed 0..100); fix it in the exported file`,
    ]);
  });
});
