/**
 * GET /numbers and GET /numbers/{id}, pinned to voipbin-numbers-api.md with plain fetch.
 */
import { describe, expect, it } from 'vitest';
import { KEY_A, KEY_B, MISSING_ID, call, emulator, expectError, fixedClock } from './helpers.js';

type Emu = Awaited<ReturnType<typeof emulator>>;
const NIL = '00000000-0000-0000-0000-000000000000';
const TOKEN_RE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
const NUMBER_KEYS = [
  'id',
  'customer_id',
  'number',
  'type',
  'call_flow_id',
  'message_flow_id',
  'name',
  'detail',
  'status',
  't38_enabled',
  'emergency_enabled',
  'metadata',
  'tm_purchase',
  'tm_renew',
  'tm_create',
  'tm_update',
  'tm_delete',
];

/** Every page of GET /numbers until the empty one. */
async function walk(emu: Emu, query = '', key = KEY_A) {
  const rows = [];
  const tokens: string[] = [];
  let token = '';
  for (;;) {
    const sep = query ? '&' : '';
    const page = token ? `${query}${sep}page_token=${encodeURIComponent(token)}` : query;
    const reply = await call(emu, 'GET', `/numbers?${page}`, { key });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.json)).toEqual(['result', 'next_page_token']);
    if (reply.json.result.length === 0) {
      expect(reply.json.next_page_token).toBe('');
      return { rows, tokens };
    }
    rows.push(...reply.json.result);
    tokens.push((token = reply.json.next_page_token));
  }
}

describe('GET /numbers', () => {
  it('an empty account is exactly {"result":[],"next_page_token":""}', async () => {
    const emu = await emulator();
    expect((await call(emu, 'GET', '/numbers')).text).toBe('{"result":[],"next_page_token":""}');
  });

  it('sends the 17 keys in order, trimmed timestamps, nil-UUID flows, virtual without purchase times', async () => {
    const emu = await emulator({ now: fixedClock });
    emu.store.seedNumber(KEY_A, { number: '+15551234567', name: 'sales line' });
    emu.store.seedNumber(KEY_A, { number: '+899123456789', type: 'virtual' });
    const [virtual, normal] = (await call(emu, 'GET', '/numbers')).json.result;
    for (const n of [virtual, normal]) expect(Object.keys(n)).toEqual(NUMBER_KEYS);
    expect(normal).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      customer_id: emu.store.customerIdFor(KEY_A),
      number: '+15551234567',
      type: 'normal',
      call_flow_id: NIL,
      message_flow_id: NIL,
      name: 'sales line',
      detail: '',
      status: 'active',
      t38_enabled: false,
      emergency_enabled: false,
      metadata: { rtp_debug: false },
      // Trimmed, not the page token's 6 digits.
      tm_purchase: '2026-01-15T09:30:00.123Z',
      tm_renew: '2026-01-15T09:30:00.123Z',
      tm_create: '2026-01-15T09:30:00.123Z',
      tm_update: null,
      tm_delete: null,
    });
    // The fixed clock ticks one microsecond per write.
    expect(virtual).toMatchObject({
      type: 'virtual',
      tm_purchase: null,
      tm_renew: null,
      tm_create: '2026-01-15T09:30:00.123001Z',
    });
    // A timestamp with no fraction has none at all.
    emu.store.seedNumber(KEY_A, { tm_create: new Date('2026-02-01T00:00:00Z') });
    expect((await call(emu, 'GET', '/numbers')).json.result[0].tm_create).toBe(
      '2026-02-01T00:00:00Z',
    );
  });

  it('pages 250 numbers newest first with fixed-form tokens: ⌈250/100⌉ + 1 requests', async () => {
    const emu = await emulator();
    for (let i = 0; i < 250; i++) emu.store.seedNumber(KEY_A);
    emu.store.seedNumber(KEY_B, { number: '+15550009999' });
    const { rows, tokens } = await walk(emu);
    expect(rows).toEqual(emu.store.listNumbers(KEY_A));
    expect(rows).toHaveLength(250);
    expect(tokens).toHaveLength(3);
    for (const token of tokens) expect(token).toMatch(TOKEN_RE);
    // The token is the page's last tm_create in the 6-digit form.
    expect(Date.parse(tokens[0]!)).toBe(Date.parse(rows[99].tm_create));
    expect(rows.some((r) => r.number === '+15550009999')).toBe(false);
  });

  it('the page token is a strict cursor: rows with tm_create < token', async () => {
    const emu = await emulator();
    const [, second] = emu.store.seedNumbers(KEY_A, [
      { tm_create: '2026-01-01T00:00:01Z' },
      { tm_create: '2026-01-01T00:00:02Z' },
      { tm_create: '2026-01-01T00:00:03Z' },
    ]);
    const reply = await call(emu, 'GET', '/numbers?page_token=2026-01-01T00:00:02.000000Z');
    expect(reply.json.result.map((r: { id: string }) => r.id)).not.toContain(second!.id);
    expect(reply.json.result).toHaveLength(1);
    expect(reply.json.next_page_token).toBe('2026-01-01T00:00:01.000000Z');
  });

  it.each([
    ['0', 100],
    ['-5', 100],
    ['101', 100],
    ['', 100],
    ['7', 7],
  ])('page_size=%s serves %i rows', async (size, expected) => {
    const emu = await emulator();
    for (let i = 0; i < 120; i++) emu.store.seedNumber(KEY_A);
    const reply = await call(emu, 'GET', `/numbers?page_size=${size}`);
    expect(reply.json.result).toHaveLength(expected);
  });

  it.each(['abc', '1.5', '10x'])('page_size=%s is 400 INVALID_REQUEST_PARAMETER', async (size) => {
    const emu = await emulator();
    expectError(
      await call(emu, 'GET', `/numbers?page_size=${size}`),
      400,
      'INVALID_ARGUMENT',
      'INVALID_REQUEST_PARAMETER',
    );
  });

  it('hides deleted numbers, and still fills each page', async () => {
    const emu = await emulator();
    const rows = Array.from({ length: 120 }, () => emu.store.seedNumber(KEY_A));
    for (const row of rows.slice(100, 115)) emu.store.deleteNumber(row.id);
    emu.store.seedNumber(KEY_A, { tm_delete: new Date('2026-01-01T00:00:00Z') });
    const first = await call(emu, 'GET', '/numbers?page_size=100');
    expect(first.json.result).toHaveLength(100);
    const { rows: listed } = await walk(emu);
    expect(listed).toHaveLength(105);
    expect(listed.every((r) => r.status !== 'deleted' && r.tm_delete === null)).toBe(true);
  });

  it('shows statuses as stored: a number not active is still listed', async () => {
    const emu = await emulator();
    emu.store.seedNumber(KEY_A, { number: '+15550001111', status: 'port_pending' });
    const [row] = (await call(emu, 'GET', '/numbers')).json.result;
    expect(row).toMatchObject({ number: '+15550001111', status: 'port_pending' });
  });
});

describe('GET /numbers/{id}', () => {
  it('answers the bare number object, equal to its list entry', async () => {
    const emu = await emulator();
    const seeded = emu.store.seedNumber(KEY_A, { number: '+15551234567' });
    const reply = await call(emu, 'GET', `/numbers/${seeded.id.toUpperCase()}`);
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual(seeded);
    expect(Object.keys(reply.json)).toEqual(NUMBER_KEYS);
    expect(reply.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it.each(['not-a-uuid', NIL, '1234'])('%s is 400 INVALID_ID', async (id) => {
    const emu = await emulator();
    expectError(await call(emu, 'GET', `/numbers/${id}`), 400, 'INVALID_ARGUMENT', 'INVALID_ID');
  });

  it('an id that never existed is 404 NUMBER_NOT_FOUND', async () => {
    const emu = await emulator();
    expectError(
      await call(emu, 'GET', `/numbers/${MISSING_ID}`),
      404,
      'NOT_FOUND',
      'NUMBER_NOT_FOUND',
    );
  });

  it("a deleted number is 404 RESOURCE_NOT_FOUND, another customer's deleted one too", async () => {
    const emu = await emulator();
    const mine = emu.store.seedNumber(KEY_A);
    const theirs = emu.store.seedNumber(KEY_B);
    emu.store.deleteNumber(mine.id);
    emu.store.deleteNumber(theirs.number);
    for (const id of [mine.id, theirs.id])
      expectError(await call(emu, 'GET', `/numbers/${id}`), 404, 'NOT_FOUND', 'RESOURCE_NOT_FOUND');
  });

  it("another customer's live number is 403 PERMISSION_DENIED, not 404", async () => {
    const emu = await emulator();
    const theirs = emu.store.seedNumber(KEY_B);
    expectError(
      await call(emu, 'GET', `/numbers/${theirs.id}`),
      403,
      'PERMISSION_DENIED',
      'PERMISSION_DENIED',
    );
  });
});

describe('numbers: credentials, limits, routes', () => {
  it('the outplan routes’ credential rules hold', async () => {
    const emu = await emulator();
    const n = emu.store.seedNumber(KEY_A);
    for (const path of ['/numbers', `/numbers/${n.id}`]) {
      expectError(
        await call(emu, 'GET', path, { key: null }),
        401,
        'UNAUTHENTICATED',
        'AUTHENTICATION_REQUIRED',
      );
      expectError(
        await call(emu, 'GET', path, { key: 'vb_wrong' }),
        401,
        'UNAUTHENTICATED',
        'INVALID_CREDENTIALS',
      );
      const jwt = emu.issueToken(KEY_A);
      const bearer = await call(emu, 'GET', path, {
        key: null,
        headers: { authorization: `Bearer ${jwt}` },
      });
      expect(bearer.status).toBe(200);
      const direct = emu.issueToken(KEY_A, { direct: true });
      expectError(
        await call(emu, 'GET', path, { key: null, headers: { authorization: `Bearer ${direct}` } }),
        403,
        'PERMISSION_DENIED',
        'DIRECT_ACCESS_NOT_SUPPORTED',
      );
    }
    emu.store.setFrozen(KEY_A, true);
    expectError(await call(emu, 'GET', '/numbers'), 403, 'PERMISSION_DENIED', 'ACCOUNT_FROZEN');
  });

  it('shares the rate-limit bucket with outplans', async () => {
    const emu = await emulator({ rateLimit: 0.5 }); // burst 1
    expect((await call(emu, 'GET', '/outplans')).status).toBe(200);
    const limited = await call(emu, 'GET', '/numbers');
    expectError(limited, 429, 'RESOURCE_EXHAUSTED', 'RATE_LIMIT_EXCEEDED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['POST', '/numbers'],
    ['DELETE', `/numbers/${MISSING_ID}`],
    ['PUT', `/numbers/${MISSING_ID}`],
    ['GET', '/numbers/'],
    ['GET', `/numbers/${MISSING_ID}/flow_ids`],
  ])('%s %s is 404 ROUTE_NOT_FOUND (not emulated)', async (method, path) => {
    const emu = await emulator();
    expectError(
      await call(emu, method, path, { key: null, body: {} }),
      404,
      'NOT_FOUND',
      'ROUTE_NOT_FOUND',
    );
  });

  it('fault rules can target the number routes', async () => {
    const emu = await emulator({ faults: 'GET /numbers=503:1:1,/numbers/{id}=500:1' });
    const n = emu.store.seedNumber(KEY_A);
    expectError(await call(emu, 'GET', '/numbers'), 503, 'UNAVAILABLE', 'SERVICE_UNAVAILABLE');
    expect((await call(emu, 'GET', '/numbers')).status).toBe(200);
    expectError(await call(emu, 'GET', `/numbers/${n.id}`), 500, 'INTERNAL', 'INTERNAL_ERROR');
  });
});
