/**
 * The client against the team's emulator over loopback: real sockets, real pagination,
 * real faults. What MockAgent cannot show — that it all fits together.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterEach, describe, expect, it } from 'vitest';
import { VoipbinClient, type ClientOptions } from '../../src/api/client.js';
import type { ClientEvent } from '../../src/api/client-event.js';
import { parseWireOutplan } from '../../src/api/wire-mapping.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import type { OutplanFields } from '../../src/model/outplan.js';
import { everythingIn } from './helpers/mock-api.js';

const KEY = 'vb_emulatorTestKey0123456789';
let emulator: RunningEmulator | undefined;
let client: VoipbinClient | undefined;
afterEach(async () => {
  await client?.close();
  await emulator?.close();
  client = emulator = undefined;
});

async function setUp(
  emulatorOptions: Parameters<typeof startEmulator>[0] = {},
  clientOptions: Partial<ClientOptions> = {},
) {
  emulator = await startEmulator({ port: 0, accessKeys: [KEY], ...emulatorOptions });
  const events: ClientEvent[] = [];
  client = new VoipbinClient({
    baseUrl: emulator.baseUrl,
    credential: { kind: 'accesskey', value: KEY },
    rate: Infinity,
    onEvent: (e) => events.push(e),
    ...clientOptions,
  });
  return { emulator, client, events };
}

function fieldsNamed(name: string): OutplanFields {
  return parseWireOutplan({
    id: 'x',
    name,
    detail: 'made by a test',
    source: { type: 'tel', target: '+15559876543' },
    dial_timeout: 30_000,
    try_interval: 600_000,
    max_try_count_0: 3,
    max_try_count_1: 3,
    max_try_count_2: 3,
    max_try_count_3: 0,
    max_try_count_4: 0,
    tm_create: '2026-01-01T00:00:00Z',
    tm_update: null,
    tm_delete: null,
  }).fields;
}

describe('client against the emulator', () => {
  it('lists 300 rows (40 deleted, mixed in) in exactly ceil(300/100)+1 requests', async () => {
    const { emulator, client } = await setUp();
    const rows = Array.from({ length: 300 }, (_, i) => ({
      name: `op-${i}`,
      tm_delete: i % 7 === 3 && i < 280 ? '2026-02-01T00:00:00Z' : null,
    }));
    emulator.store.seedOutplans(KEY, rows);
    const deleted = rows.filter((r) => r.tm_delete !== null).length;
    expect(deleted).toBe(40);
    emulator.resetRequestLog();
    const live = await client.listOutplans();
    expect(live).toHaveLength(260);
    expect(new Set(live.map((o) => o.fields.name)).size).toBe(260);
    expect(emulator.requests.filter((r) => r.method === 'GET')).toHaveLength(4);
    expect(client.requestCount).toBe(4);
  });

  it('reads the old "not deleted" sentinel and old timestamps as the emulator stores them', async () => {
    const { emulator, client } = await setUp();
    emulator.store.seedOutplans(KEY, [
      {
        name: 'old',
        tm_create: '2022-04-28 01:50:23.414000',
        tm_delete: '9999-01-01 00:00:00.000000',
      },
      { name: 'new' },
    ]);
    const live = await client.listOutplans();
    expect(live.map((o) => o.fields.name).sort()).toEqual(['new', 'old']);
    expect(live.find((o) => o.fields.name === 'old')?.tmCreate).toBe('2022-04-28T01:50:23.414Z');
  });

  it('creates, updates both groups and deletes, round-tripping the model', async () => {
    const { client } = await setUp();
    const fields = fieldsNamed('round-trip');
    const { outplan } = await client.createOutplan(fields, { knownIds: new Set() });
    expect(outplan.fields).toEqual(fields);
    const renamed = await client.updateBasic(outplan.id, { name: 'renamed', detail: '' });
    expect(renamed.outplan.fields).toMatchObject({ name: 'renamed', detail: '' });
    const dial = await client.updateDialInfo(outplan.id, { ...fields, dial_timeout: 45_000 });
    expect(dial.outplan.fields.dial_timeout).toBe(45_000);
    await client.deleteOutplan(outplan.id);
    expect(await client.listOutplans()).toEqual([]);
  });

  it.each(['commit-then-fail', 'commit-then-reset'])(
    'an ambiguous create under %s produces exactly one outplan',
    async (kind) => {
      const { emulator, client } = await setUp(
        { faults: `POST /outplans=${kind}:1:1` },
        { sleep: async () => undefined },
      );
      const fields = fieldsNamed('exactly-once');
      const { outplan, meta } = await client.createOutplan(fields, { knownIds: new Set() });
      expect(meta.adopted).toBe(true);
      const named = emulator.store
        .listOutplans(KEY)
        .filter((o) => o.name === 'exactly-once' && o.tm_delete === null);
      expect(named.map((o) => o.id)).toEqual([outplan.id]);
      expect(emulator.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    },
  );

  it.each(['commit-then-fail', 'commit-then-reset'])(
    'under a 1.5 s read lag, an ambiguous create (%s) still produces exactly one outplan',
    async (kind) => {
      // One clock for both: the client's sleeps move the emulator's time.
      let wall = Date.parse('2026-01-15T09:30:00Z');
      const { emulator, client } = await setUp(
        { faults: `POST /outplans=${kind}:1:1`, readLagMs: 1500, now: () => new Date(wall) },
        { sleep: async (ms) => void (wall += ms) },
      );
      const fields = fieldsNamed('lagging');
      const { outplan, meta } = await client.createOutplan(fields, { knownIds: new Set() });
      expect(meta.adopted).toBe(true);
      const named = emulator.store.listOutplans(KEY).filter((o) => o.name === 'lagging');
      expect(named.map((o) => o.id)).toEqual([outplan.id]);
      expect(emulator.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
      // The first re-list (after 1 s) missed it; the second (after 3 s) found it.
      expect(emulator.requests.filter((r) => r.method === 'GET')).toHaveLength(3);
    },
  );

  it('with the default re-list delays in real time, a 1.5 s read lag makes no duplicate', async () => {
    const { emulator, client } = await setUp({
      faults: 'POST /outplans=commit-then-fail:1:1',
      readLagMs: 1500,
    });
    const { outplan } = await client.createOutplan(fieldsNamed('real-lag'), {
      knownIds: new Set(),
    });
    const named = emulator.store.listOutplans(KEY).filter((o) => o.name === 'real-lag');
    expect(named.map((o) => o.id)).toEqual([outplan.id]);
    expect(emulator.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  }, 20_000);

  it('many identical creates under random commit-then-fail faults never duplicate', async () => {
    const { emulator, client } = await setUp(
      { faults: 'POST /outplans=commit-then-fail:0.5', seed: 42 },
      { sleep: async () => undefined },
    );
    emulator.store.seedOutplans(KEY, 5); // other outplans already there
    const knownIds = new Set((await client.listOutplans()).map((o) => o.id));
    const fields = fieldsNamed('twin');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push((await client.createOutplan(fields, { knownIds })).outplan.id);
    }
    const twins = emulator.store.listOutplans(KEY).filter((o) => o.name === 'twin');
    // Six identical desired outplans: six live ones, each adopted or created exactly once.
    expect(new Set(ids).size).toBe(6);
    expect(twins.map((o) => o.id).sort()).toEqual([...ids].sort());
  });

  it('rides out the per-customer rate limit: honours 429 Retry-After and slows down', async () => {
    // Pacing set above the service's limit, as a misconfigured --rate would be.
    const { emulator, client, events } = await setUp({ rateLimit: 5 }, { rate: 30 });
    emulator.store.seedOutplans(KEY, 1_500);
    emulator.resetRequestLog();
    const live = await client.listOutplans();
    expect(live).toHaveLength(1_500);
    const statuses = emulator.requests.map((r) => r.status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 200)).toHaveLength(16);
    const throttles = events.flatMap((e) => (e.type === 'throttle' ? [e.rate] : []));
    expect(throttles[0]).toBe(15);
  });

  it('with pacing below the limit, never meets a 429', async () => {
    // VoIPBIN's limit (17/s, burst 34) against the default pacing, past the burst.
    const { emulator, client } = await setUp({ rateLimit: 17 }, { rate: undefined });
    emulator.store.seedOutplans(KEY, 5_000);
    emulator.resetRequestLog();
    await client.listOutplans();
    expect(emulator.requests.map((r) => r.status)).not.toContain(429);
    expect(emulator.requests).toHaveLength(51);
  });

  it('reuses one keep-alive connection across all pages', async () => {
    const { emulator, client } = await setUp();
    emulator.store.seedOutplans(KEY, 1_000);
    let connections = 0;
    const onConnect = () => connections++;
    subscribe('undici:client:connected', onConnect);
    try {
      await client.listOutplans();
    } finally {
      unsubscribe('undici:client:connected', onConnect);
    }
    expect(client.requestCount).toBe(11);
    // undici may open a second socket when the next page is asked for in the same tick the
    // first response ends; what matters is that connections are reused, not one per page.
    expect(connections).toBeGreaterThanOrEqual(1);
    expect(connections).toBeLessThanOrEqual(2);
  });

  it('fails closed when a page keeps failing, with nothing secret anywhere', async () => {
    const { emulator, client, events } = await setUp(
      { faults: 'GET /outplans=500:1' },
      { maxAttempts: 2, sleep: async () => undefined },
    );
    emulator.store.seedOutplans(KEY, 150);
    const error = await client.listOutplans().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: 'api', status: 500 });
    expect(String((error as Error).message)).toMatch(/^Listing outplans failed on page 1/);
    expect(everythingIn(error) + JSON.stringify(events)).not.toContain(KEY);
  });

  it('says which credential was rejected on 401, without showing it', async () => {
    const { client: first } = await setUp();
    await first.close();
    client = new VoipbinClient({
      baseUrl: emulator!.baseUrl,
      credential: { kind: 'accesskey', value: 'vb_notAKeyTheEmulatorKnows' },
    });
    const error = await client.listOutplans().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain('VOIPBIN_ACCESSKEY');
    expect(error).toMatchObject({ status: 401, reason: 'INVALID_CREDENTIALS' });
    expect(everythingIn(error)).not.toContain('vb_notAKeyTheEmulatorKnows');
  });

  it('times out a slow server and says so', async () => {
    const { client } = await setUp(
      // undici's header timer ticks about once a second: keep the gap wide.
      { latencyMs: 2_500 },
      { requestTimeoutMs: 200, maxAttempts: 2, sleep: async () => undefined },
    );
    const error = await client.listOutplans().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain('timed out');
    expect(error?.message).toContain('after 2 attempts');
  });
});
