import { describe, expect, it } from 'vitest';
import {
  KEY_A,
  KEY_B,
  MISSING_ID,
  call,
  emulator,
  expectError,
  fixedClock,
  outplanBody,
} from './helpers.js';

async function created(emu: Awaited<ReturnType<typeof emulator>>) {
  return (await call(emu, 'POST', '/outplans', { body: outplanBody() })).json;
}

describe('GET /outplans/{id}', () => {
  it('returns the outplan', async () => {
    const emu = await emulator();
    const row = await created(emu);
    expect((await call(emu, 'GET', `/outplans/${row.id}`)).json).toEqual(row);
  });

  it('accepts an upper-case UUID for the same outplan', async () => {
    const emu = await emulator();
    const row = await created(emu);
    expect((await call(emu, 'GET', `/outplans/${row.id.toUpperCase()}`)).json.id).toBe(row.id);
  });
});

describe('ids: 400 INVALID_ID, 404 OUTPLAN_NOT_FOUND, 403 PERMISSION_DENIED', () => {
  const routes: Array<[string, string]> = [
    ['GET', ''],
    ['PUT', ''],
    ['PUT', '/dial_info'],
    ['DELETE', ''],
  ];

  it.each(routes)(
    '%s /outplans/{id}%s: a non-UUID or the nil UUID is 400 INVALID_ID',
    async (method, suffix) => {
      const emu = await emulator();
      for (const id of [
        'abc',
        '123',
        'd5fb7357-7ddb-4f2d-87b5-8ccbfd6c039',
        '00000000-0000-0000-0000-000000000000',
        'd5fb7357_7ddb_4f2d_87b5_8ccbfd6c039e',
      ])
        expectError(
          await call(emu, method, `/outplans/${id}${suffix}`, { body: {} }),
          400,
          'INVALID_ARGUMENT',
          'INVALID_ID',
        );
    },
  );

  it.each(routes)(
    '%s /outplans/{id}%s: an id that never existed is 404 OUTPLAN_NOT_FOUND',
    async (method, suffix) => {
      const emu = await emulator();
      expectError(
        await call(emu, method, `/outplans/${MISSING_ID}${suffix}`, { body: {} }),
        404,
        'NOT_FOUND',
        'OUTPLAN_NOT_FOUND',
      );
    },
  );

  it.each(routes)(
    "%s /outplans/{id}%s: another customer's id is 403 PERMISSION_DENIED and changes nothing",
    async (method, suffix) => {
      const emu = await emulator();
      const theirs = emu.store.seedOutplan(KEY_B, { name: 'theirs' });
      expectError(
        await call(emu, method, `/outplans/${theirs.id}${suffix}`, { body: {} }),
        403,
        'PERMISSION_DENIED',
        'PERMISSION_DENIED',
      );
      expect(emu.store.getOutplan(theirs.id)).toEqual(theirs);
    },
  );

  it('checks the id before the body', async () => {
    const emu = await emulator();
    expectError(
      await call(emu, 'PUT', '/outplans/abc', { rawBody: '{' }),
      400,
      'INVALID_ARGUMENT',
      'INVALID_ID',
    );
    expectError(
      await call(emu, 'PUT', `/outplans/${MISSING_ID}`, { rawBody: '{' }),
      400,
      'INVALID_ARGUMENT',
      'INVALID_JSON_BODY',
    );
  });
});

describe('PUT /outplans/{id} (basic info)', () => {
  it('replaces name AND detail: sending only name clears detail; dial info is untouched', async () => {
    const emu = await emulator();
    const row = await created(emu);
    const reply = await call(emu, 'PUT', `/outplans/${row.id}`, {
      body: { name: 'renamed', dial_timeout: 1, source: { type: 'sip' } },
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      ...row,
      name: 'renamed',
      detail: '',
      tm_update: reply.json.tm_update,
    });
    expect(reply.json.tm_update).not.toBeNull();
  });

  it('rejects wrong types and long names like create does', async () => {
    const emu = await emulator();
    const row = await created(emu);
    expectError(
      await call(emu, 'PUT', `/outplans/${row.id}`, { body: { name: 1 } }),
      400,
      'INVALID_ARGUMENT',
      'INVALID_JSON_BODY',
    );
    expectError(
      await call(emu, 'PUT', `/outplans/${row.id}`, {
        body: { name: 'y'.repeat(256), detail: '' },
      }),
      400,
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
    );
    expect(emu.store.getOutplan(row.id)).toEqual(row);
  });
});

describe('PUT /outplans/{id}/dial_info', () => {
  it('replaces source and all seven numbers; omitted ones become 0 and {}; name/detail untouched', async () => {
    const emu = await emulator();
    const row = await created(emu);
    const reply = await call(emu, 'PUT', `/outplans/${row.id}/dial_info`, {
      body: { dial_timeout: 45000, max_try_count_1: 9, name: 'ignored here' },
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      ...row,
      source: {},
      dial_timeout: 45000,
      try_interval: 0,
      max_try_count_0: 0,
      max_try_count_1: 9,
      max_try_count_2: 0,
      max_try_count_3: 0,
      max_try_count_4: 0,
      tm_update: reply.json.tm_update,
    });
  });

  it('rejects int32 overflow', async () => {
    const emu = await emulator();
    const row = await created(emu);
    expectError(
      await call(emu, 'PUT', `/outplans/${row.id}/dial_info`, {
        rawBody: '{"try_interval":4294967296}',
      }),
      400,
      'INVALID_ARGUMENT',
      'INVALID_JSON_BODY',
    );
  });
});

describe('tm_update', () => {
  it('is bumped by every PUT, even one that changes nothing', async () => {
    const emu = await emulator({ now: fixedClock });
    const row = await created(emu);
    const basic = { name: row.name, detail: row.detail };
    const {
      id,
      customer_id: _c,
      name: _n,
      detail: _d,
      tm_create: _t,
      tm_update: _u,
      tm_delete: _x,
      ...dial
    } = row;
    const stamps = [];
    for (let i = 0; i < 2; i++) {
      const a = await call(emu, 'PUT', `/outplans/${id}`, { body: basic });
      const b = await call(emu, 'PUT', `/outplans/${id}/dial_info`, { body: dial });
      expect({ ...a.json, tm_update: null }).toEqual(row);
      expect({ ...b.json, tm_update: null }).toEqual(row);
      stamps.push(a.json.tm_update, b.json.tm_update);
    }
    expect(stamps).toEqual([
      '2026-01-15T09:30:00.123001Z',
      '2026-01-15T09:30:00.123002Z',
      '2026-01-15T09:30:00.123003Z',
      '2026-01-15T09:30:00.123004Z',
    ]);
  });
});

describe('DELETE /outplans/{id} (soft delete)', () => {
  it('sets tm_delete and tm_update and returns the outplan', async () => {
    const emu = await emulator({ now: fixedClock });
    const row = await created(emu);
    const reply = await call(emu, 'DELETE', `/outplans/${row.id}`);
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      ...row,
      tm_update: '2026-01-15T09:30:00.123001Z',
      tm_delete: '2026-01-15T09:30:00.123001Z',
    });
  });

  it('keeps deleted outplans visible to get and list', async () => {
    const emu = await emulator();
    const row = await created(emu);
    const deleted = (await call(emu, 'DELETE', `/outplans/${row.id}`)).json;
    expect((await call(emu, 'GET', `/outplans/${row.id}`)).json).toEqual(deleted);
    expect((await call(emu, 'GET', '/outplans')).json.result).toEqual([deleted]);
  });

  it('deleting again answers 200 and moves tm_delete', async () => {
    const emu = await emulator({ now: fixedClock });
    const row = await created(emu);
    const first = (await call(emu, 'DELETE', `/outplans/${row.id}`)).json;
    const second = await call(emu, 'DELETE', `/outplans/${row.id}`);
    expect(second.status).toBe(200);
    expect(second.json.tm_delete > first.tm_delete).toBe(true);
  });

  it('a PUT on a deleted outplan answers 200, applies, and it stays deleted', async () => {
    const emu = await emulator();
    const row = await created(emu);
    const deleted = (await call(emu, 'DELETE', `/outplans/${row.id}`)).json;
    const put = await call(emu, 'PUT', `/outplans/${row.id}`, {
      body: { name: 'zombie', detail: '' },
    });
    expect(put.status).toBe(200);
    expect(put.json.name).toBe('zombie');
    expect(put.json.tm_delete).toBe(deleted.tm_delete);
    const dial = await call(emu, 'PUT', `/outplans/${row.id}/dial_info`, { body: {} });
    expect(dial.status).toBe(200);
    expect(dial.json.tm_delete).toBe(deleted.tm_delete);
  });

  it('ignores a request body', async () => {
    const emu = await emulator();
    const row = await created(emu);
    expect((await call(emu, 'DELETE', `/outplans/${row.id}`, { rawBody: 'not json' })).status).toBe(
      200,
    );
    expect(emu.store.listOutplans(KEY_A)[0]!.tm_delete).not.toBeNull();
  });
});
