import { describe, expect, it } from 'vitest';
import { KEY_A, KEY_B, call, emulator, expectError, outplanBody } from './helpers.js';

type Emu = Awaited<ReturnType<typeof emulator>>;
const TOKEN_RE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

/** Follows next_page_token until the empty page; returns every row and the request count. */
async function walk(emu: Emu, collection = '/outplans', pageSize?: number) {
  const rows = [];
  let token = '';
  let requests = 0;
  for (;;) {
    const params = new URLSearchParams();
    if (pageSize !== undefined) params.set('page_size', String(pageSize));
    if (token) params.set('page_token', token);
    const reply = await call(emu, 'GET', `${collection}?${params}`);
    requests++;
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.json)).toEqual(['result', 'next_page_token']);
    if (reply.json.result.length === 0) {
      expect(reply.json.next_page_token).toBe('');
      return { rows, requests };
    }
    expect(reply.json.next_page_token).toMatch(TOKEN_RE);
    rows.push(...reply.json.result);
    token = reply.json.next_page_token;
  }
}

describe('GET /outplans pagination', () => {
  it('an empty list is exactly {"result":[],"next_page_token":""}', async () => {
    const emu = await emulator();
    expect((await call(emu, 'GET', '/outplans')).text).toBe('{"result":[],"next_page_token":""}');
  });

  it('walks 257 rows (deleted ones mixed in) across pages: every row exactly once, newest first', async () => {
    const emu = await emulator();
    emu.store.seedOutplans(KEY_A, 200);
    for (let i = 0; i < 50; i++)
      await call(emu, 'POST', '/outplans', { body: outplanBody({ name: `api-${i}` }) });
    emu.store.seedOutplans(KEY_A, [{ name: 'gone', tm_delete: new Date('2026-01-01T00:00:00Z') }]);
    emu.store.seedOutplans(KEY_A, 6);
    emu.store.seedOutplans(KEY_B, 30);
    const some = emu.store.listOutplans(KEY_A).slice(10, 20);
    for (const row of some) await call(emu, 'DELETE', `/outplans/${row.id}`);

    const { rows, requests } = await walk(emu);
    const expected = emu.store.listOutplans(KEY_A);
    expect(rows).toHaveLength(257);
    expect(new Set(rows.map((r) => r.id)).size).toBe(257);
    expect(rows).toEqual(expected); // same order: tm_create desc, deleted rows included
    expect(rows.filter((r) => r.tm_delete !== null)).toHaveLength(11);
    expect(requests).toBe(Math.ceil(257 / 100) + 1);
    const created = rows.map((r) => Date.parse(r.tm_create));
    expect([...created].sort((a, b) => b - a)).toEqual(created);
  });

  it('every tm_create is distinct even for rows created in the same millisecond', async () => {
    const emu = await emulator({ now: () => new Date('2026-01-15T09:30:00Z') });
    emu.store.seedOutplans(KEY_A, 150);
    const { rows } = await walk(emu, '/outplans', 7);
    expect(rows).toHaveLength(150);
    expect(new Set(rows.map((r) => r.tm_create)).size).toBe(150);
  });

  it("next_page_token is the last item's tm_create in fixed 6-digit form; a short page still has one", async () => {
    const emu = await emulator();
    emu.store.seedOutplans(KEY_A, [
      { name: 'old', tm_create: new Date('2026-01-15T09:30:00Z') },
      { name: 'newer', tm_create: '2026-01-15T09:30:00.12Z' },
    ]);
    const first = await call(emu, 'GET', '/outplans?page_size=1');
    expect(first.json.result.map((r: { name: string }) => r.name)).toEqual(['newer']);
    expect(first.json.result[0].tm_create).toBe('2026-01-15T09:30:00.12Z');
    expect(first.json.next_page_token).toBe('2026-01-15T09:30:00.120000Z');
    const second = await call(
      emu,
      'GET',
      `/outplans?page_size=1&page_token=${first.json.next_page_token}`,
    );
    expect(second.json.result[0].tm_create).toBe('2026-01-15T09:30:00Z'); // zero fraction: none at all
    expect(second.json.next_page_token).toBe('2026-01-15T09:30:00.000000Z');
    const short = await call(emu, 'GET', '/outplans?page_size=50');
    expect(short.json.result).toHaveLength(2);
    expect(short.json.next_page_token).toBe('2026-01-15T09:30:00.000000Z');
    const end = await call(emu, 'GET', `/outplans?page_token=${short.json.next_page_token}`);
    expect(end.text).toBe('{"result":[],"next_page_token":""}');
  });

  it('page_token is a creation-time cursor: rows strictly older than it', async () => {
    const emu = await emulator();
    emu.store.seedOutplans(KEY_A, [
      { name: 'a', tm_create: '2026-01-15T09:30:00.000001Z' },
      { name: 'b', tm_create: '2026-01-15T09:30:00.000002Z' },
      { name: 'c', tm_create: '2026-01-15T09:30:00.000003Z' },
    ]);
    const names = async (token: string) =>
      (await call(emu, 'GET', `/outplans?page_token=${encodeURIComponent(token)}`)).json.result.map(
        (r: { name: string }) => r.name,
      );
    expect(await names('2026-01-15T09:30:00.000003Z')).toEqual(['b', 'a']);
    expect(await names('2026-01-15T09:30:00.000002Z')).toEqual(['a']);
    expect(await names('2026-01-15T09:30:00.000004Z')).toEqual(['c', 'b', 'a']);
    expect(await names('2026-01-15 09:30:00.000003')).toEqual(['b', 'a']); // older format parses too
  });

  it('rows created while walking are newer than the cursor and never show up twice', async () => {
    const emu = await emulator();
    emu.store.seedOutplans(KEY_A, 120);
    const first = await call(emu, 'GET', '/outplans');
    await call(emu, 'POST', '/outplans', { body: outplanBody({ name: 'late' }) });
    const second = await call(emu, 'GET', `/outplans?page_token=${first.json.next_page_token}`);
    const ids = [...first.json.result, ...second.json.result].map((r) => r.id);
    expect(new Set(ids).size).toBe(120);
  });

  it('orders rows sharing a tm_create by id, descending', async () => {
    const emu = await emulator();
    const t = '2026-01-15T09:30:00Z';
    emu.store.seedOutplans(KEY_A, [
      { id: '10000000-0000-4000-8000-000000000000', tm_create: t },
      { id: '30000000-0000-4000-8000-000000000000', tm_create: t },
      { id: '20000000-0000-4000-8000-000000000000', tm_create: t },
    ]);
    const ids = (await call(emu, 'GET', '/outplans')).json.result.map(
      (r: { id: string }) => r.id[0],
    );
    expect(ids).toEqual(['3', '2', '1']);
  });

  it.each([
    ['absent', '', 100],
    ['empty', 'page_size=', 100],
    ['0', 'page_size=0', 100],
    ['negative', 'page_size=-5', 100],
    ['over 100', 'page_size=101', 100],
    ['huge', 'page_size=100000', 100],
    ['5', 'page_size=5', 5],
    ['+5', 'page_size=%2B5', 5],
    ['100', 'page_size=100', 100],
  ])('page_size %s → %s rows per page', async (_, query, size) => {
    const emu = await emulator();
    emu.store.seedOutplans(KEY_A, 150);
    expect((await call(emu, 'GET', `/outplans?${query}`)).json.result).toHaveLength(size);
  });

  it.each(['abc', '1.5', '5x', '%205', '1e2', '99999999999999999999'])(
    'page_size=%s is 400 INVALID_REQUEST_PARAMETER',
    async (value) => {
      const emu = await emulator();
      expectError(
        await call(emu, 'GET', `/outplans?page_size=${value}`),
        400,
        'INVALID_ARGUMENT',
        'INVALID_REQUEST_PARAMETER',
      );
    },
  );

  it('an unparseable page_token is 400 INVALID_REQUEST_PARAMETER (emulator choice)', async () => {
    const emu = await emulator();
    expectError(
      await call(emu, 'GET', '/outplans?page_token=yesterday'),
      400,
      'INVALID_ARGUMENT',
      'INVALID_REQUEST_PARAMETER',
    );
  });

  it("lists only the caller's rows", async () => {
    const emu = await emulator();
    emu.store.seedOutplans(KEY_B, 3);
    const mine = emu.store.seedOutplans(KEY_A, 2);
    const ids = (await call(emu, 'GET', '/outplans')).json.result.map((r: { id: string }) => r.id);
    expect(ids.sort()).toEqual(mine.map((r) => r.id).sort());
  });
});
