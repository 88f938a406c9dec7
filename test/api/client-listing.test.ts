import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/api-error.js';
import {
  KEY,
  caught,
  errorBody,
  everythingIn,
  harness,
  queryOf,
  wireOutplan,
} from './helpers/mock-api.js';
import { manyOutplans, servePages } from './helpers/paging.js';

describe('listOutplans', () => {
  it('follows the cursor across pages, drops deleted rows, in ceil(N/100)+1 requests', async () => {
    const h = harness();
    const rows = manyOutplans(257, 7);
    servePages(h, rows);
    const live = await h.client.listOutplans();
    const expected = rows.filter((r) => r.tm_delete === null);
    expect(live).toHaveLength(expected.length);
    expect(new Set(live.map((o) => o.id))).toEqual(new Set(expected.map((r) => r.id)));
    expect(live.every((o) => o.tmDelete === null)).toBe(true);
    expect(h.client.requestCount).toBe(Math.ceil(257 / 100) + 1);
  });

  it('asks for page_size=100 and passes the token back unchanged', async () => {
    const h = harness();
    servePages(h, manyOutplans(150));
    await h.client.listOutplans();
    const urls = h.events.flatMap((e) => (e.type === 'request' ? [e.url] : []));
    expect(urls).toHaveLength(3);
    const queries = urls.map((u) => queryOf(u.slice(u.indexOf('/v1.0'))));
    expect(queries.map((q) => q.get('page_size'))).toEqual(['100', '100', '100']);
    expect(queries[0]!.get('page_token')).toBeNull();
    expect(queries[1]!.get('page_token')).toMatch(/^2026-01-01T00:00:50\.000000Z$/);
  });

  it('lists an empty account in one request', async () => {
    const h = harness();
    servePages(h, []);
    expect(await h.client.listOutplans()).toEqual([]);
    expect(h.client.requestCount).toBe(1);
  });

  it('sends the access key as ?accesskey= and never shows it in events', async () => {
    const h = harness();
    let seenPath = '';
    h.pool
      .intercept({ path: (p) => ((seenPath = p), true), method: 'GET' })
      .reply(200, { result: [], next_page_token: '' });
    await h.client.listOutplans();
    expect(queryOf(seenPath).get('accesskey')).toBe(KEY);
    expect(JSON.stringify(h.events)).not.toContain(KEY);
    expect(JSON.stringify(h.events)).toContain('accesskey=REDACTED');
  });

  it('retries a failed page and still returns everything', async () => {
    const h = harness();
    const rows = manyOutplans(120);
    // The second page fails twice first.
    h.pool
      .intercept({ path: (p) => queryOf(p).has('page_token'), method: 'GET' })
      .reply(503, errorBody('SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE', 'busy', 'req_1'))
      .times(2);
    servePages(h, rows);
    expect(await h.client.listOutplans()).toHaveLength(120);
    expect(h.client.requestCount).toBe(3 + 2);
  });

  it('fails closed: one page failing after retries fails the whole listing', async () => {
    const h = harness({ maxAttempts: 3 });
    h.pool
      .intercept({ path: (p) => queryOf(p).has('page_token'), method: 'GET' })
      .reply(500, errorBody('INTERNAL', 'INTERNAL_ERROR', 'boom', 'req_page2'), {
        headers: { 'x-request-id': 'req_page2' },
      })
      .times(3);
    servePages(h, manyOutplans(250));
    const error = await caught(h.client.listOutplans());
    expect(error).toBeInstanceOf(ApiError);
    const api = error as ApiError;
    expect(api.message).toMatch(/^Listing outplans failed on page 2; no partial listing is used/);
    expect(api.status).toBe(500);
    expect(api.requestId).toBe('req_page2');
    expect(api.meta.attempts).toBe(3);
    expect(everythingIn(error)).not.toContain(KEY);
  });

  it('names what was expected when a page is not JSON', async () => {
    const h = harness();
    h.pool
      .intercept({ path: /outplans/, method: 'GET' })
      .reply(200, '<html>Welcome to nginx</html>', { headers: { 'content-type': 'text/html' } });
    const error = (await caught(h.client.listOutplans())) as ApiError;
    expect(error.code).toBe('MALFORMED_RESPONSE');
    expect(error.message).toContain('expected a page of outplans ({"result": [...]');
    expect(error.message).toContain('not JSON');
    expect(error.message).toContain('<html>Welcome to nginx');
  });

  it('names the bad field when a row has the wrong shape', async () => {
    const h = harness();
    h.pool.intercept({ path: /outplans/, method: 'GET' }).reply(200, {
      result: [wireOutplan(), wireOutplan({ max_try_count_2: 'five' as never })],
      next_page_token: 'x',
    });
    const error = (await caught(h.client.listOutplans())) as ApiError;
    expect(error.message).toContain('expected result[1].max_try_count_2 to be an integer');
  });

  it('refuses a cursor that does not advance instead of looping', async () => {
    const h = harness();
    h.pool
      .intercept({ path: /outplans/, method: 'GET' })
      .reply(200, { result: [wireOutplan()], next_page_token: '2026-04-28T01:50:23.414000Z' })
      .persist();
    const error = (await caught(h.client.listOutplans())) as ApiError;
    expect(error.code).toBe('INCONSISTENT_LISTING');
    expect(error.message).toContain('The API returned an inconsistent listing of outplans');
    expect(h.client.requestCount).toBe(2);
  });
});

describe('listCampaigns', () => {
  it('pages like outplans, drops deleted campaigns and maps the nil outplan id', async () => {
    const h = harness();
    const start = Date.UTC(2026, 0, 1);
    const rows = Array.from({ length: 130 }, (_, i) => ({
      id: `c-${i}`,
      customer_id: 'cu',
      name: `campaign ${i}`,
      status: (['run', 'stopping', 'stop'] as const)[i % 3],
      outplan_id: i % 2 === 0 ? '00000000-0000-0000-0000-000000000000' : `op-${i}`,
      tm_create: new Date(start + i * 1000).toISOString(),
      tm_update: null,
      tm_delete: i % 10 === 0 ? '2026-03-01T00:00:00Z' : null,
    }));
    servePages(h, rows, 'campaigns');
    const campaigns = await h.client.listCampaigns();
    expect(campaigns).toHaveLength(130 - 13);
    expect(campaigns.find((c) => c.id === 'c-1')).toEqual({
      id: 'c-1',
      name: 'campaign 1',
      status: 'stopping',
      outplanId: 'op-1',
    });
    expect(campaigns.find((c) => c.id === 'c-2')?.outplanId).toBeNull();
    expect(h.client.requestCount).toBe(3);
  });
});
