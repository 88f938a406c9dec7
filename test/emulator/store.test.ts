import { describe, expect, it } from 'vitest';
import { KEY_A, KEY_B, OUTPLAN_KEYS, call, emulator } from './helpers.js';

describe('store seeding and inspection', () => {
  it('seeds 10 000 outplans and serves them', async () => {
    const emu = await emulator();
    const rows = emu.store.seedOutplans(KEY_A, 10_000);
    expect(rows).toHaveLength(10_000);
    expect(rows[0]!.name).toBe('outplan-00001');
    expect(new Set(rows.map((r) => r.tm_create)).size).toBe(10_000);
    const page = await call(emu, 'GET', '/outplans');
    expect(page.json.result[0].name).toBe('outplan-10000');
    expect(page.json.result).toHaveLength(100);
  });

  it('zero-fills partial rows like the API, with the wire key order', async () => {
    const emu = await emulator();
    const [row] = emu.store.seedOutplans(KEY_A, [
      { name: 'p', source: { type: 'tel', target: '', name: '' } },
    ]);
    expect(Object.keys(row!)).toEqual(OUTPLAN_KEYS);
    expect(row).toMatchObject({
      name: 'p',
      detail: '',
      source: { type: 'tel' },
      dial_timeout: 0,
      tm_update: null,
    });
  });

  it('keeps seeded timestamps verbatim, old format and 9999 sentinel included', async () => {
    const emu = await emulator();
    const row = emu.store.seedOutplan(KEY_A, {
      tm_create: '2022-04-28 01:50:23.414000',
      tm_delete: '9999-01-01 00:00:00.000000',
    });
    const got = (await call(emu, 'GET', `/outplans/${row.id}`)).json;
    expect(got.tm_create).toBe('2022-04-28 01:50:23.414000');
    expect(got.tm_delete).toBe('9999-01-01 00:00:00.000000');
    const list = await call(emu, 'GET', '/outplans');
    expect(list.json.next_page_token).toBe('2022-04-28T01:50:23.414000Z');
    expect(() => emu.store.seedOutplan(KEY_A, { tm_create: 'yesterday' })).toThrow(
      /not a timestamp/,
    );
  });

  it('lists per customer or all, newest first, and hands out copies', async () => {
    const emu = await emulator();
    emu.store.seedOutplans(KEY_A, 2);
    emu.store.seedOutplans(KEY_B, 1);
    expect(emu.store.listOutplans(KEY_A)).toHaveLength(2);
    expect(emu.store.listOutplans()).toHaveLength(3);
    const first = emu.store.listOutplans(KEY_A)[0]!;
    first.name = 'mutated';
    expect(emu.store.getOutplan(first.id)!.name).not.toBe('mutated');
    expect(() => emu.store.seedOutplans('vb_unknown', 1)).toThrow();
    expect(emu.store.customerIdFor(KEY_A)).not.toBe(emu.store.customerIdFor(KEY_B));
  });
});
