import { describe, expect, it } from 'vitest';
import { KEY_A, KEY_B, call, emulator, expectError, outplanBody } from './helpers.js';

describe('latency', () => {
  it('delays every response, errors and unknown routes included, without changing it', async () => {
    const emu = await emulator({ latencyMs: 120 });
    for (const path of ['/outplans', '/nowhere']) {
      const started = performance.now();
      const reply = await call(emu, 'GET', path);
      // A lower bound only: a timer never fires early by more than a millisecond or so.
      expect(performance.now() - started).toBeGreaterThanOrEqual(110);
      expect(reply.status).toBe(path === '/outplans' ? 200 : 404);
    }
  });
});

describe('rate limit', () => {
  it('answers 429 RATE_LIMIT_EXCEEDED with Retry-After in seconds once the burst is spent', async () => {
    const emu = await emulator({ rateLimit: 0.1 }); // burst max(1, 2 × 0.1) = 1
    expect((await call(emu, 'GET', '/outplans')).status).toBe(200);
    const limited = await call(emu, 'GET', '/outplans');
    expectError(limited, 429, 'RESOURCE_EXHAUSTED', 'RATE_LIMIT_EXCEEDED');
    const retryAfter = limited.headers.get('retry-after');
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(10);
  });

  it('allows a burst of twice the rate, per customer', async () => {
    const emu = await emulator({ rateLimit: 2 }); // burst 4
    const statuses = await Promise.all(
      Array.from({ length: 12 }, () => call(emu, 'GET', '/outplans')),
    );
    const ok = statuses.filter((r) => r.status === 200).length;
    // Four from the burst, plus whatever refilled while they ran (2/s).
    expect(ok).toBeGreaterThanOrEqual(4);
    expect(ok).toBeLessThan(12);
    expect(statuses.filter((r) => r.status === 429).length).toBe(12 - ok);
    expect((await call(emu, 'GET', '/outplans', { key: KEY_B })).status).toBe(200);
  });

  it('does not count unknown routes or rejected credentials', async () => {
    const emu = await emulator({ rateLimit: 0.1 });
    await call(emu, 'GET', '/nowhere');
    await call(emu, 'GET', '/outplans', { key: 'vb_wrong' });
    expect((await call(emu, 'GET', '/outplans')).status).toBe(200);
  });
});

describe('faults', () => {
  it('500 and 503 answer with the error envelope and do nothing', async () => {
    const emu = await emulator({ faults: 'POST /outplans=500:1,GET /outplans=503:1' });
    expectError(
      await call(emu, 'POST', '/outplans', { body: outplanBody() }),
      500,
      'INTERNAL',
      'INTERNAL_ERROR',
    );
    expectError(await call(emu, 'GET', '/outplans'), 503, 'UNAVAILABLE', 'SERVICE_UNAVAILABLE');
    expect(emu.store.listOutplans()).toEqual([]);
  });

  it('reset destroys the connection without any response', async () => {
    const emu = await emulator({ faults: 'GET /outplans=reset:1' });
    await expect(call(emu, 'GET', '/outplans')).rejects.toThrow();
    expect(emu.requests).toEqual([{ method: 'GET', path: '/v1.0/outplans', status: 0 }]);
  });

  it('commit-then-fail stores the create, then answers 503 REQUEST_TIMEOUT', async () => {
    const emu = await emulator({ faults: 'POST /outplans=commit-then-fail:1' });
    const reply = await call(emu, 'POST', '/outplans', { body: outplanBody({ name: 'ghost' }) });
    expectError(reply, 503, 'UNAVAILABLE', 'REQUEST_TIMEOUT');
    const stored = emu.store.listOutplans(KEY_A);
    expect(stored.map((r) => r.name)).toEqual(['ghost']);
    // ...and a blind retry makes a duplicate, exactly as on the service.
    emu.setFaults(undefined);
    await call(emu, 'POST', '/outplans', { body: outplanBody({ name: 'ghost' }) });
    expect(emu.store.listOutplans(KEY_A)).toHaveLength(2);
  });

  it('commit-then-reset stores the write, then drops the connection', async () => {
    const emu = await emulator({ faults: 'POST /outplans=commit-then-reset:1' });
    await expect(call(emu, 'POST', '/outplans', { body: outplanBody() })).rejects.toThrow();
    expect(emu.store.listOutplans(KEY_A)).toHaveLength(1);
  });

  it('commit-then-fail on a PUT applies it (an idempotent retry is then harmless)', async () => {
    const emu = await emulator({ faults: 'PUT /outplans/{id}=commit-then-fail:1' });
    const row = emu.store.seedOutplan(KEY_A, { name: 'a' });
    expectError(
      await call(emu, 'PUT', `/outplans/${row.id}`, { body: { name: 'b', detail: '' } }),
      503,
      'UNAVAILABLE',
      'REQUEST_TIMEOUT',
    );
    expect(emu.store.getOutplan(row.id)!.name).toBe('b');
  });

  it('a rule fires only on its routes, and TIMES caps it', async () => {
    const emu = await emulator({ faults: 'GET /outplans=503:1:2' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(emu, 'GET', '/outplans')).status);
    expect(statuses).toEqual([503, 503, 200, 200]);
    expect((await call(emu, 'GET', '/campaigns')).status).toBe(200);
  });

  it('faults apply only after credentials: a 401 stays a 401', async () => {
    const emu = await emulator({ faults: '*=500:1' });
    expectError(
      await call(emu, 'GET', '/outplans', { key: null }),
      401,
      'UNAUTHENTICATED',
      'AUTHENTICATION_REQUIRED',
    );
    expectError(await call(emu, 'GET', '/nowhere'), 404, 'NOT_FOUND', 'ROUTE_NOT_FOUND');
  });

  it('the same seed gives the same faults for the same requests', async () => {
    const spec = 'GET /outplans=500:0.3,GET *=503:0.3';
    const run = async (seed: number) => {
      const emu = await emulator({ faults: spec, seed });
      const statuses = [];
      for (let i = 0; i < 40; i++) statuses.push((await call(emu, 'GET', '/outplans')).status);
      return statuses;
    };
    const a = await run(42);
    expect(await run(42)).toEqual(a);
    expect(new Set(a)).toEqual(new Set([200, 500, 503]));
    expect(await run(43)).not.toEqual(a);
  });

  it('setFaults replaces the rules at run time', async () => {
    const emu = await emulator();
    expect((await call(emu, 'GET', '/outplans')).status).toBe(200);
    emu.setFaults('GET /outplans=500:1');
    expect((await call(emu, 'GET', '/outplans')).status).toBe(500);
    emu.setFaults('');
    expect((await call(emu, 'GET', '/outplans')).status).toBe(200);
  });

  it('an invalid spec is refused at start with the offending rule', async () => {
    await expect(emulator({ faults: 'POST /outplans=teapot:1' })).rejects.toThrow(/teapot/);
  });
});

describe('read lag', () => {
  /** An emulator on a clock the test moves. */
  async function lagged(readLagMs: number) {
    let now = Date.parse('2026-01-15T09:30:00Z');
    const emu = await emulator({ readLagMs, now: () => new Date(now) });
    return { emu, advance: (ms: number) => (now += ms) };
  }
  const listed = async (emu: Awaited<ReturnType<typeof emulator>>) =>
    (await call(emu, 'GET', '/outplans')).json as {
      result: { id: string; name: string; tm_delete: string | null }[];
      next_page_token: string;
    };

  it('a new outplan is missing from the list until readLagMs has passed', async () => {
    const { emu, advance } = await lagged(1500);
    const created = (await call(emu, 'POST', '/outplans', { body: outplanBody() })).json;
    expect((await listed(emu)).result).toEqual([]);
    // get-by-id is read-your-writes: it never lags.
    expect((await call(emu, 'GET', `/outplans/${created.id}`)).json.id).toBe(created.id);
    advance(1000);
    expect((await listed(emu)).result).toEqual([]);
    advance(600);
    expect((await listed(emu)).result.map((o) => o.id)).toEqual([created.id]);
  });

  it('older rows stay listed, every page consistent, while new ones are hidden', async () => {
    const { emu, advance } = await lagged(1500);
    emu.store.seedOutplans(
      KEY_A,
      Array.from({ length: 150 }, (_, i) => ({
        name: `old-${i}`,
        tm_create: new Date(Date.parse('2026-01-01T00:00:00Z') + i * 1000),
      })),
    );
    await call(emu, 'POST', '/outplans', { body: outplanBody({ name: 'new' }) });
    const first = await listed(emu);
    const second = (
      await call(emu, 'GET', `/outplans?page_token=${encodeURIComponent(first.next_page_token)}`)
    ).json as { result: { name: string }[] };
    const names = [...first.result, ...second.result].map((o) => o.name);
    expect(names).toHaveLength(150);
    expect(names).not.toContain('new');
    advance(2000);
    expect((await listed(emu)).result[0]!.name).toBe('new');
  });

  it('an update or a delete shows in the list only after readLagMs; until then the old version', async () => {
    const { emu, advance } = await lagged(1500);
    const created = (await call(emu, 'POST', '/outplans', { body: outplanBody() })).json;
    advance(2000);
    await call(emu, 'PUT', `/outplans/${created.id}`, { body: { name: 'renamed', detail: '' } });
    advance(500);
    await call(emu, 'DELETE', `/outplans/${created.id}`);
    expect((await listed(emu)).result).toMatchObject([{ name: 'sales', tm_delete: null }]);
    advance(1200); // the rename is 1.7 s old, the delete 1.2 s
    expect((await listed(emu)).result).toMatchObject([{ name: 'renamed', tm_delete: null }]);
    advance(400);
    const [row] = (await listed(emu)).result;
    expect(row).toMatchObject({ name: 'renamed' });
    expect(row!.tm_delete).not.toBeNull();
  });

  it('readLagMs 0 (the default) is read-your-writes', async () => {
    const emu = await emulator();
    const created = (await call(emu, 'POST', '/outplans', { body: outplanBody() })).json;
    expect((await listed(emu)).result.map((o) => o.id)).toEqual([created.id]);
  });

  it('refuses a negative readLagMs', async () => {
    await expect(emulator({ readLagMs: -1 })).rejects.toThrow(/readLagMs/);
  });
});
