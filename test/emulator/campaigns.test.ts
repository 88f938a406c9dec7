import { describe, expect, it } from 'vitest';
import { KEY_A, KEY_B, MISSING_ID, call, emulator, expectError, fixedClock } from './helpers.js';

const NIL = '00000000-0000-0000-0000-000000000000';
const CAMPAIGN_KEYS = [
  'id',
  'customer_id',
  'type',
  'name',
  'detail',
  'status',
  'service_level',
  'end_handle',
  'actions',
  'outplan_id',
  'outdial_id',
  'queue_id',
  'next_campaign_id',
  'tm_create',
  'tm_update',
  'tm_delete',
];

type Emu = Awaited<ReturnType<typeof emulator>>;
const liveOutplan = (emu: Emu, key = KEY_A) => emu.store.seedOutplan(key, { name: 'plan' });

describe('POST /campaigns', () => {
  it('creates a stopped campaign with the nil UUID when no outplan is given', async () => {
    const emu = await emulator({ now: fixedClock });
    const reply = await call(emu, 'POST', '/campaigns', { body: { name: 'spring' } });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.json)).toEqual(CAMPAIGN_KEYS);
    expect(reply.json).toMatchObject({
      customer_id: emu.store.customerIdFor(KEY_A),
      name: 'spring',
      status: 'stop',
      outplan_id: NIL,
      tm_create: '2026-01-15T09:30:00.123Z',
      tm_update: null,
      tm_delete: null,
    });
  });

  it('takes an outplan_id and an initial status (run or stop)', async () => {
    const emu = await emulator();
    const plan = liveOutplan(emu);
    const reply = await call(emu, 'POST', '/campaigns', {
      body: { name: 'c', outplan_id: plan.id.toUpperCase(), status: 'run' },
    });
    expect(reply.json).toMatchObject({ outplan_id: plan.id, status: 'run' });
  });

  it('refuses to point at a deleted, missing or foreign outplan (400)', async () => {
    const emu = await emulator();
    const deleted = emu.store.seedOutplan(KEY_A, { tm_delete: new Date() });
    const foreign = liveOutplan(emu, KEY_B);
    for (const outplan_id of [deleted.id, foreign.id, MISSING_ID])
      expectError(
        await call(emu, 'POST', '/campaigns', { body: { name: 'c', outplan_id } }),
        400,
        'INVALID_ARGUMENT',
        'INVALID_ARGUMENT',
      );
    expect(emu.store.listCampaigns()).toEqual([]);
  });

  it.each([
    ['a bad status', { status: 'stopping' }, 'INVALID_ARGUMENT'],
    ['an unknown status', { status: 'paused' }, 'INVALID_ARGUMENT'],
    ['a non-UUID outplan_id', { outplan_id: 'abc' }, 'INVALID_JSON_BODY'],
    ['a numeric name', { name: 3 }, 'INVALID_JSON_BODY'],
  ])('400 for %s', async (_, body, reason) => {
    const emu = await emulator();
    expectError(await call(emu, 'POST', '/campaigns', { body }), 400, 'INVALID_ARGUMENT', reason);
  });

  it('401 without credentials', async () => {
    const emu = await emulator();
    expectError(
      await call(emu, 'POST', '/campaigns', { key: null, body: {} }),
      401,
      'UNAUTHENTICATED',
      'AUTHENTICATION_REQUIRED',
    );
  });
});

describe('GET /campaigns', () => {
  it('pages like outplans, newest first, deleted campaigns included, own campaigns only', async () => {
    const emu = await emulator();
    for (let i = 0; i < 130; i++) emu.store.seedCampaign(KEY_A, { name: `c${i}` });
    emu.store.seedCampaign(KEY_A, { name: 'deleted', tm_delete: new Date() });
    emu.store.seedCampaign(KEY_B, { name: 'theirs' });
    const first = await call(emu, 'GET', '/campaigns');
    expect(first.json.result).toHaveLength(100);
    expect(first.json.result[0].name).toBe('deleted');
    expect(first.json.next_page_token).toMatch(/\.\d{6}Z$/);
    const second = await call(
      emu,
      'GET',
      `/campaigns?page_size=50&page_token=${first.json.next_page_token}`,
    );
    expect(second.json.result).toHaveLength(31);
    const end = await call(emu, 'GET', `/campaigns?page_token=${second.json.next_page_token}`);
    expect(end.text).toBe('{"result":[],"next_page_token":""}');
    const names = [...first.json.result, ...second.json.result].map((c) => c.name);
    expect(new Set(names).size).toBe(131);
    expect(names).not.toContain('theirs');
    expectError(
      await call(emu, 'GET', '/campaigns?page_size=x'),
      400,
      'INVALID_ARGUMENT',
      'INVALID_REQUEST_PARAMETER',
    );
  });
});

describe('PUT /campaigns/{id}/status', () => {
  it('runs and stops a campaign, bumping tm_update', async () => {
    const emu = await emulator();
    const campaign = emu.store.seedCampaign(KEY_A, { outplan_id: liveOutplan(emu).id });
    const run = await call(emu, 'PUT', `/campaigns/${campaign.id}/status`, {
      body: { status: 'run' },
    });
    expect(run.status).toBe(200);
    expect(run.json.status).toBe('run');
    expect(run.json.tm_update).not.toBeNull();
    const stop = await call(emu, 'PUT', `/campaigns/${campaign.id}/status`, {
      body: { status: 'stop' },
    });
    expect(stop.json.status).toBe('stop');
    expect(emu.store.getCampaign(campaign.id)!.status).toBe('stop');
  });

  it.each([['stopping'], ['RUN'], [''], ['paused']])(
    '400 for status %j (only run and stop can be set)',
    async (status) => {
      const emu = await emulator();
      const campaign = emu.store.seedCampaign(KEY_A, { outplan_id: liveOutplan(emu).id });
      expectError(
        await call(emu, 'PUT', `/campaigns/${campaign.id}/status`, { body: { status } }),
        400,
        'INVALID_ARGUMENT',
        'INVALID_ARGUMENT',
      );
    },
  );

  it('a stopped campaign whose outplan was deleted cannot start: a generic 400 that never mentions the outplan', async () => {
    const emu = await emulator();
    const plan = liveOutplan(emu);
    const campaign = emu.store.seedCampaign(KEY_A, { outplan_id: plan.id });
    await call(emu, 'DELETE', `/outplans/${plan.id}`); // not blocked by the service
    const reply = await call(emu, 'PUT', `/campaigns/${campaign.id}/status`, {
      body: { status: 'run' },
    });
    expectError(reply, 400, 'INVALID_ARGUMENT', 'BAD_REQUEST');
    expect(reply.text.toLowerCase()).not.toContain('outplan');
  });

  it('a running campaign keeps its deleted outplan and can still be stopped', async () => {
    const emu = await emulator();
    const plan = liveOutplan(emu);
    const campaign = emu.store.seedCampaign(KEY_A, { outplan_id: plan.id, status: 'run' });
    expect((await call(emu, 'DELETE', `/outplans/${plan.id}`)).status).toBe(200);
    expect(emu.store.getCampaign(campaign.id)).toMatchObject({
      status: 'run',
      outplan_id: plan.id,
    });
    expect(
      (await call(emu, 'PUT', `/campaigns/${campaign.id}/status`, { body: { status: 'stop' } }))
        .status,
    ).toBe(200);
  });

  it('ids: 400 INVALID_ID, 404 CAMPAIGN_NOT_FOUND, 403 for another customer', async () => {
    const emu = await emulator();
    const theirs = emu.store.seedCampaign(KEY_B);
    const body = { body: { status: 'stop' } };
    expectError(
      await call(emu, 'PUT', '/campaigns/nope/status', body),
      400,
      'INVALID_ARGUMENT',
      'INVALID_ID',
    );
    expectError(
      await call(emu, 'PUT', `/campaigns/${MISSING_ID}/status`, body),
      404,
      'NOT_FOUND',
      'CAMPAIGN_NOT_FOUND',
    );
    expectError(
      await call(emu, 'PUT', `/campaigns/${theirs.id}/status`, body),
      403,
      'PERMISSION_DENIED',
      'PERMISSION_DENIED',
    );
  });
});

describe('DELETE /campaigns/{id}', () => {
  it('soft-deletes a stopped campaign, which stays listed', async () => {
    const emu = await emulator();
    const campaign = emu.store.seedCampaign(KEY_A, { name: 'done' });
    const reply = await call(emu, 'DELETE', `/campaigns/${campaign.id}`);
    expect(reply.status).toBe(200);
    expect(reply.json.tm_delete).not.toBeNull();
    expect(reply.json.tm_update).toBe(reply.json.tm_delete);
    expect((await call(emu, 'GET', '/campaigns')).json.result).toEqual([reply.json]);
  });

  it.each([['run'], ['stopping']] as const)('refuses a %s campaign with 400', async (status) => {
    const emu = await emulator();
    const campaign = emu.store.seedCampaign(KEY_A, { status, outplan_id: liveOutplan(emu).id });
    expectError(
      await call(emu, 'DELETE', `/campaigns/${campaign.id}`),
      400,
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
    );
    expect(emu.store.getCampaign(campaign.id)!.tm_delete).toBeNull();
  });

  it('404 / 403 like outplans', async () => {
    const emu = await emulator();
    const theirs = emu.store.seedCampaign(KEY_B);
    expectError(
      await call(emu, 'DELETE', `/campaigns/${MISSING_ID}`),
      404,
      'NOT_FOUND',
      'CAMPAIGN_NOT_FOUND',
    );
    expectError(
      await call(emu, 'DELETE', `/campaigns/${theirs.id}`),
      403,
      'PERMISSION_DENIED',
      'PERMISSION_DENIED',
    );
  });
});

describe('shared rate-limit bucket', () => {
  it('outplan and campaign requests draw from one per-customer bucket', async () => {
    // 0.1/s: a burst of 1 and ten seconds to earn the next token.
    const emu = await emulator({ rateLimit: 0.1 });
    expect((await call(emu, 'GET', '/outplans')).status).toBe(200);
    expectError(
      await call(emu, 'GET', '/campaigns'),
      429,
      'RESOURCE_EXHAUSTED',
      'RATE_LIMIT_EXCEEDED',
    );
    expect((await call(emu, 'GET', '/campaigns', { key: KEY_B })).status).toBe(200);
  });
});
