import { describe, expect, it } from 'vitest';
import {
  FIXED_NOW,
  KEY_A,
  OUTPLAN_KEYS,
  UUID_RE,
  call,
  emulator,
  expectError,
  fixedClock,
  outplanBody,
} from './helpers.js';

describe('POST /outplans', () => {
  it('returns the created outplan with every key, in the documented order', async () => {
    const emu = await emulator({ now: fixedClock });
    const reply = await call(emu, 'POST', '/outplans', { body: outplanBody() });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.json)).toEqual(OUTPLAN_KEYS);
    expect(reply.json).toEqual({
      id: expect.stringMatching(UUID_RE),
      customer_id: emu.store.customerIdFor(KEY_A),
      name: 'sales',
      detail: 'sales team',
      source: { type: 'tel', target: '+15559876543' },
      dial_timeout: 30000,
      try_interval: 600000,
      max_try_count_0: 5,
      max_try_count_1: 4,
      max_try_count_2: 3,
      max_try_count_3: 2,
      max_try_count_4: 1,
      tm_create: '2026-01-15T09:30:00.123Z',
      tm_update: null,
      tm_delete: null,
    });
    // The raw text keeps that order too (it is what a client sees).
    expect(reply.text.indexOf('"tm_create"')).toBeGreaterThan(
      reply.text.indexOf('"max_try_count_4"'),
    );
    expect(emu.store.getOutplan(reply.json.id)).toEqual(reply.json);
  });

  it('stores numbers as given: no unit conversion (30 means 30 ms)', async () => {
    const emu = await emulator();
    const reply = await call(emu, 'POST', '/outplans', {
      body: outplanBody({ dial_timeout: 30, try_interval: 60 }),
    });
    expect(reply.json.dial_timeout).toBe(30);
    expect(reply.json.try_interval).toBe(60);
  });

  it('omits empty source subfields and keeps the address key order', async () => {
    const emu = await emulator();
    const source = {
      detail: 'd',
      name: '',
      target_name: 'Main',
      target: '+15551234567',
      type: 'tel',
    };
    const reply = await call(emu, 'POST', '/outplans', { body: outplanBody({ source }) });
    expect(reply.json.source).toEqual({
      type: 'tel',
      target: '+15551234567',
      target_name: 'Main',
      detail: 'd',
    });
    expect(Object.keys(reply.json.source)).toEqual(['type', 'target', 'target_name', 'detail']);
    const none = await call(emu, 'POST', '/outplans', {
      body: outplanBody({ source: { type: '', target: '' } }),
    });
    expect(none.json.source).toEqual({});
  });

  it.each([
    ['an empty object', '{}'],
    [
      'every field null',
      JSON.stringify(Object.fromEntries(Object.keys(outplanBody()).map((k) => [k, null]))),
    ],
    ['a JSON null body (Go decodes it as a no-op)', 'null'],
  ])('zero-fills missing fields: %s', async (_, rawBody) => {
    const emu = await emulator();
    const reply = await call(emu, 'POST', '/outplans', { rawBody });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({
      name: '',
      detail: '',
      source: {},
      dial_timeout: 0,
      try_interval: 0,
      max_try_count_0: 0,
      max_try_count_4: 0,
    });
  });

  it('validates nothing else: negative numbers, empty names, any source type, unknown keys', async () => {
    const emu = await emulator();
    const reply = await call(emu, 'POST', '/outplans', {
      body: outplanBody({
        name: '',
        dial_timeout: -5,
        max_try_count_2: -1,
        source: { type: 'carrier-pigeon', target: 'not a number', extra: 1 },
        tags: ['a'],
        id: '00000000-0000-0000-0000-000000000001',
      }),
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ name: '', dial_timeout: -5, max_try_count_2: -1 });
    expect(reply.json.source).toEqual({ type: 'carrier-pigeon', target: 'not a number' });
    expect(reply.json.id).not.toBe('00000000-0000-0000-0000-000000000001'); // no client-chosen id
    expect(reply.json).not.toHaveProperty('tags');
  });

  it('matches keys case-insensitively and applies repeated keys in order, like Go', async () => {
    const emu = await emulator();
    const reply = await call(emu, 'POST', '/outplans', {
      rawBody:
        '{"NAME":"upper","Dial_Timeout":7,"detail":"a","detail":null,"try_interval":1,"try_interval":2}',
    });
    expect(reply.json).toMatchObject({
      name: 'upper',
      dial_timeout: 7,
      detail: 'a',
      try_interval: 2,
    });
  });

  it('creates duplicates happily: names are not unique and create is not idempotent', async () => {
    const emu = await emulator();
    const a = await call(emu, 'POST', '/outplans', { body: outplanBody() });
    const b = await call(emu, 'POST', '/outplans', { body: outplanBody() });
    expect(a.json.id).not.toBe(b.json.id);
    expect(emu.store.listOutplans(KEY_A)).toHaveLength(2);
  });

  it.each([
    ['malformed JSON', '{"name":'],
    ['not JSON at all', 'name=sales'],
    ['an empty body', ''],
    ['single quotes', "{'name':'x'}"],
    ['a trailing comma', '{"name":"x",}'],
    ['an array body', '[]'],
    ['a string body', '"sales"'],
    ['a number for name', '{"name":5}'],
    ['a string for dial_timeout', '{"dial_timeout":"30000"}'],
    ['a fraction for dial_timeout', '{"dial_timeout":1.5}'],
    ['an exponent for an integer', '{"try_interval":1e3}'],
    ['a boolean for max_try_count_0', '{"max_try_count_0":true}'],
    ['a string for source', '{"source":"+15551234567"}'],
    ['an array for source', '{"source":[]}'],
    ['a number for source.target', '{"source":{"target":15551234567}}'],
    ['int32 overflow', '{"dial_timeout":2147483648}'],
    ['int32 underflow', '{"max_try_count_1":-2147483649}'],
    ['a huge integer', '{"try_interval":99999999999999999999999}'],
  ])('400 INVALID_JSON_BODY for %s, and nothing is stored', async (_, rawBody) => {
    const emu = await emulator();
    expectError(
      await call(emu, 'POST', '/outplans', { rawBody }),
      400,
      'INVALID_ARGUMENT',
      'INVALID_JSON_BODY',
    );
    expect(emu.store.listOutplans()).toEqual([]);
  });

  it('accepts the int32 limits exactly', async () => {
    const emu = await emulator();
    const reply = await call(emu, 'POST', '/outplans', {
      rawBody: '{"dial_timeout":2147483647,"try_interval":-2147483648}',
    });
    expect(reply.json).toMatchObject({ dial_timeout: 2147483647, try_interval: -2147483648 });
  });

  it('400 INVALID_ARGUMENT for a name over 255 characters (counted as characters)', async () => {
    const emu = await emulator();
    expectError(
      await call(emu, 'POST', '/outplans', { body: outplanBody({ name: 'x'.repeat(256) }) }),
      400,
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
    );
    expect(emu.store.listOutplans()).toEqual([]);
    expect(
      (await call(emu, 'POST', '/outplans', { body: outplanBody({ name: 'x'.repeat(255) }) }))
        .status,
    ).toBe(200);
    expect(
      (await call(emu, 'POST', '/outplans', { body: outplanBody({ name: '📞'.repeat(255) }) }))
        .status,
    ).toBe(200);
  });

  it('gives every created row a distinct, increasing tm_create', async () => {
    const emu = await emulator({ now: fixedClock });
    const stamps: string[] = [];
    for (let i = 0; i < 3; i++)
      stamps.push((await call(emu, 'POST', '/outplans', { body: {} })).json.tm_create);
    expect(stamps).toEqual([
      '2026-01-15T09:30:00.123Z',
      '2026-01-15T09:30:00.123001Z',
      '2026-01-15T09:30:00.123002Z',
    ]);
    expect(FIXED_NOW.toISOString()).toBe('2026-01-15T09:30:00.123Z');
  });
});
