import { describe, expect, it } from 'vitest';
import { normaliseSource } from '../../src/model/outplan.js';
import {
  WireFormatError,
  normaliseTimestamp,
  parseWireCampaign,
  parseWireOutplan,
  parseWirePage,
  toWireCreate,
  toWireDialInfo,
  toWireSource,
} from '../../src/api/wire-mapping.js';
import { wireOutplan } from './helpers/mock-api.js';

describe('timestamps', () => {
  it.each([
    ['2026-01-15T09:30:00.123Z', '2026-01-15T09:30:00.123Z'],
    ['2026-01-15T09:30:00.123456Z', '2026-01-15T09:30:00.123456Z'],
    ['2026-01-15T09:30:00.120000Z', '2026-01-15T09:30:00.12Z'],
    ['2026-01-15T09:30:00Z', '2026-01-15T09:30:00Z'],
    ['2022-04-28 01:50:23.414000', '2022-04-28T01:50:23.414Z'],
    ['2022-04-28 01:50:23', '2022-04-28T01:50:23Z'],
    ['2026-01-15T11:30:00.5+02:00', '2026-01-15T09:30:00.5Z'],
  ])('%s -> %s', (input, expected) => {
    expect(normaliseTimestamp(input)).toBe(expected);
  });

  it('rejects what is not a timestamp', () => {
    expect(normaliseTimestamp('yesterday')).toBeUndefined();
    expect(normaliseTimestamp('2026-13-45T99:99:99Z')).toBeUndefined();
  });
});

describe('parseWireOutplan', () => {
  it('maps the reference example to the model, durations staying milliseconds', () => {
    const live = parseWireOutplan(wireOutplan({ id: 'x', name: 'test outplan' }));
    expect(live).toEqual({
      id: 'x',
      fields: {
        name: 'test outplan',
        detail: '',
        source: normaliseSource({ type: 'tel', target: '+15559876543' }),
        dial_timeout: 30000,
        try_interval: 600000,
        max_try_count_0: 5,
        max_try_count_1: 5,
        max_try_count_2: 5,
        max_try_count_3: 5,
        max_try_count_4: 5,
      },
      tmCreate: '2026-04-28T01:50:23.414Z',
      tmUpdate: null,
      tmDelete: null,
    });
  });

  it('reads the old format, and the year-9999 sentinel as not deleted', () => {
    const live = parseWireOutplan(
      wireOutplan({
        tm_create: '2022-04-28 01:50:23.414000',
        tm_update: '9999-01-01 00:00:00.000000',
        tm_delete: '9999-01-01 00:00:00.000000',
      }),
    );
    expect(live.tmCreate).toBe('2022-04-28T01:50:23.414Z');
    expect(live.tmUpdate).toBeNull();
    expect(live.tmDelete).toBeNull();
  });

  it('keeps a real tm_delete in either format', () => {
    expect(parseWireOutplan(wireOutplan({ tm_delete: '2026-02-01T00:00:00Z' })).tmDelete).toBe(
      '2026-02-01T00:00:00Z',
    );
    expect(
      parseWireOutplan(wireOutplan({ tm_delete: '2023-02-01 10:00:00.500000' })).tmDelete,
    ).toBe('2023-02-01T10:00:00.5Z');
  });

  it('treats absent, null and empty source subfields alike', () => {
    const a = parseWireOutplan(wireOutplan({ source: {} }));
    const b = parseWireOutplan(wireOutplan({ source: null as never }));
    const c = parseWireOutplan(wireOutplan({ source: { type: '', target: '' } }));
    expect(a.fields.source).toEqual(b.fields.source);
    expect(a.fields.source).toEqual(c.fields.source);
    expect(a.fields.source).toEqual({
      type: '',
      target: '',
      target_name: '',
      name: '',
      detail: '',
    });
  });

  it('names the field and what was expected when the shape is wrong', () => {
    expect(() =>
      parseWireOutplan(wireOutplan({ dial_timeout: '30' as never }), 'result[3]'),
    ).toThrow(new WireFormatError('result[3].dial_timeout', 'an integer', '"30"'));
    expect(() => parseWireOutplan(wireOutplan({ tm_create: 'soon' }))).toThrow(
      /body.tm_create to be a timestamp/,
    );
    expect(() => parseWireOutplan([])).toThrow(/expected body to be an object, got an array/);
  });
});

describe('parseWirePage', () => {
  it('returns items and cursor', () => {
    expect(parseWirePage({ result: [1], next_page_token: 't' })).toEqual({
      items: [1],
      nextPageToken: 't',
    });
  });
  it('rejects a page without a result array', () => {
    expect(() => parseWirePage({ outplans: [] })).toThrow(/body.result to be an array/);
  });
});

describe('parseWireCampaign', () => {
  const wire = {
    id: 'c1',
    customer_id: 'cu',
    name: 'spring',
    status: 'run',
    outplan_id: '00000000-0000-0000-0000-000000000000',
    tm_create: '2026-01-01T00:00:00Z',
    tm_update: null,
    tm_delete: null,
  };
  it('maps the nil outplan id to null', () => {
    expect(parseWireCampaign(wire)).toEqual({
      campaign: { id: 'c1', name: 'spring', status: 'run', outplanId: null },
      deleted: false,
    });
  });
  it('reports deletion and rejects unknown statuses', () => {
    expect(parseWireCampaign({ ...wire, tm_delete: '2026-01-02T00:00:00Z' }).deleted).toBe(true);
    expect(() => parseWireCampaign({ ...wire, status: 'paused' })).toThrow(/run, stopping, stop/);
  });
});

describe('to the wire', () => {
  const fields = parseWireOutplan(wireOutplan({ name: 'n', detail: 'd' })).fields;
  it('omits empty source subfields', () => {
    expect(toWireSource(fields.source)).toEqual({ type: 'tel', target: '+15559876543' });
  });
  it('sends complete groups', () => {
    expect(Object.keys(toWireDialInfo(fields))).toEqual([
      'source',
      'dial_timeout',
      'try_interval',
      'max_try_count_0',
      'max_try_count_1',
      'max_try_count_2',
      'max_try_count_3',
      'max_try_count_4',
    ]);
    expect(toWireCreate(fields)).toMatchObject({ name: 'n', detail: 'd', dial_timeout: 30000 });
  });
});
