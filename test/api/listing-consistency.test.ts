import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../src/api/api-error.js';
import { InconsistentListingError, instantOf } from '../../src/api/listing.js';
import { KEY, caught, everythingIn, harness, queryOf, wireOutplan } from './helpers/mock-api.js';
import { cursor, manyOutplans, servePages } from './helpers/paging.js';

type Page = { result: unknown[]; next_page_token: string };

/** Serves the given pages in order, one per request, with a request id each. */
function serveInOrder(h: ReturnType<typeof harness>, pages: Page[]) {
  pages.forEach((page, i) => {
    h.pool
      .intercept({ path: /\/v1\.0\/outplans\?/, method: 'GET' })
      .reply(200, page, { headers: { 'x-request-id': `req_page_${i + 1}` } });
  });
}

const at = (iso: string, overrides = {}) => wireOutplan({ tm_create: iso, ...overrides });

describe('a listing is a consistent snapshot', () => {
  it('accepts a well-formed listing, 6-digit tokens and trimmed timestamps alike', async () => {
    const h = harness();
    servePages(h, manyOutplans(250));
    expect(await h.client.listOutplans()).toHaveLength(250);
  });

  it('refuses an id that appears twice, naming both pages and the request id', async () => {
    const h = harness();
    const a = at('2026-01-01T00:00:03Z', { id: 'same' });
    const b = at('2026-01-01T00:00:02Z');
    const c = at('2026-01-01T00:00:01Z', { id: 'same' });
    serveInOrder(h, [
      { result: [a, b], next_page_token: cursor(b.tm_create) },
      { result: [c], next_page_token: cursor(c.tm_create) },
    ]);
    const error = (await caught(h.client.listOutplans())) as ApiError;
    expect(error).toBeInstanceOf(InconsistentListingError);
    expect(error.message).toContain('The API returned an inconsistent listing of outplans');
    expect(error.message).toContain('id "same" appears twice (page 1 and page 2)');
    expect(error.message).toContain('request id req_page_2');
    expect(h.client.requestCount).toBe(2);
  });

  it('refuses a token that repeats (A -> B -> A)', async () => {
    const h = harness();
    const rows = ['03', '02', '01'].map((s, i) => at(`2026-01-01T00:00:${s}Z`, { id: `r${i}` }));
    serveInOrder(h, [
      { result: [rows[0]], next_page_token: cursor(rows[0]!.tm_create) },
      { result: [rows[1]], next_page_token: cursor(rows[1]!.tm_create) },
      { result: [rows[2]], next_page_token: cursor(rows[0]!.tm_create) },
    ]);
    const error = (await caught(h.client.listOutplans())) as ApiError;
    expect(error.code).toBe('INCONSISTENT_LISTING');
    expect(error.message).toContain('repeats the token of page 1');
  });

  it('refuses a row newer than the token that asked for it', async () => {
    const h = harness();
    const first = at('2026-01-01T00:00:05Z', { id: 'a' });
    serveInOrder(h, [
      { result: [first], next_page_token: cursor(first.tm_create) },
      {
        result: [at('2026-01-01T00:00:05Z', { id: 'b' })],
        next_page_token: '2026-01-01T00:00:04.000000Z',
      },
    ]);
    const error = (await caught(h.client.listOutplans())) as ApiError;
    expect(error.message).toContain('page 2 holds "b", created no earlier than the page_token');
  });

  it('refuses a token that would skip rows, or is not a creation time', async () => {
    for (const token of ['2020-01-01T00:00:00.000000Z', 'next-please']) {
      const h = harness();
      serveInOrder(h, [{ result: [at('2026-01-01T00:00:05Z')], next_page_token: token }]);
      const error = (await caught(h.client.listOutplans())) as ApiError;
      expect(error.code).toBe('INCONSISTENT_LISTING');
      expect(error.message).toMatch(/would be skipped|is not a creation time/);
      expect(h.client.requestCount).toBe(1);
    }
  });

  it('stops at the item cap and at the page cap', async () => {
    const h = harness({ maxListItems: 150 });
    servePages(h, manyOutplans(400));
    const error = (await caught(h.client.listOutplans())) as ApiError;
    expect(error.message).toContain('more than 150 rows');
    expect(h.client.requestCount).toBe(2);

    const p = harness({ maxListPages: 2 });
    servePages(p, manyOutplans(400));
    expect(((await caught(p.client.listOutplans())) as ApiError).message).toContain(
      'did not end within 2 pages',
    );
  });

  it('never shows the key, even in a token the server echoes it in', async () => {
    const h = harness();
    serveInOrder(h, [
      { result: [at('2026-01-01T00:00:05Z')], next_page_token: `accesskey=${KEY}` },
    ]);
    const error = await caught(h.client.listOutplans());
    expect(everythingIn(error)).not.toContain(KEY);
  });

  it('applies to campaigns too', async () => {
    const h = harness();
    const campaign = (id: string, tm: string) => ({
      id,
      customer_id: 'c',
      name: id,
      status: 'run',
      outplan_id: 'o',
      tm_create: tm,
      tm_update: null,
      tm_delete: null,
    });
    h.pool
      .intercept({ path: /\/v1\.0\/campaigns\?/, method: 'GET' })
      .reply(200, {
        result: [campaign('x', '2026-01-01T00:00:05Z')],
        next_page_token: '2026-01-01T00:00:05.000000Z',
      })
      .persist();
    const error = (await caught(h.client.listCampaigns())) as ApiError;
    expect(error.message).toContain('inconsistent listing of campaigns');
    expect(h.client.requestCount).toBe(2);
  });

  it('passes the token back verbatim', async () => {
    const h = harness();
    const row = at('2026-01-01T00:00:05.1234Z');
    serveInOrder(h, [
      { result: [row], next_page_token: '2026-01-01T00:00:05.123400Z' },
      { result: [], next_page_token: '' },
    ]);
    await h.client.listOutplans();
    const urls = h.events.flatMap((e) => (e.type === 'request' ? [e.url] : []));
    expect(queryOf(urls[1]!.slice(urls[1]!.indexOf('/v1.0'))).get('page_token')).toBe(
      '2026-01-01T00:00:05.123400Z',
    );
  });
});

describe('instantOf', () => {
  it('compares both timestamp forms to the nanosecond', () => {
    expect(instantOf('2026-01-15T09:30:00.1234Z')).toBe(instantOf('2026-01-15 09:30:00.123400'));
    expect(instantOf('2026-01-15T09:30:00.000001Z')! > instantOf('2026-01-15T09:30:00Z')!).toBe(
      true,
    );
    expect(instantOf('not a time')).toBeNull();
  });
});

/**
 * A page that is wrong in more than one way reports what checking its rows in order finds
 * first, before anything about its token; and no further page is asked for.
 */
describe('a listing page with several faults', () => {
  it('reports a malformed row before a duplicate id further down', async () => {
    const h = harness();
    const rows = [
      at('2026-01-01T00:00:05Z', { id: 'same' }),
      at('2026-01-01T00:00:04Z', { dial_timeout: '30s' as unknown as number }),
      at('2026-01-01T00:00:03Z', { id: 'same' }),
    ];
    serveInOrder(h, [{ result: rows, next_page_token: cursor(rows[2]!.tm_create) }]);
    const error = (await caught(h.client.listOutplans())) as ApiError;
    expect(error.code).toBe('MALFORMED_RESPONSE');
    expect(error.message).toContain('result[1].dial_timeout');
    expect(h.client.requestCount).toBe(1);
  });

  it('reports a malformed row before a token that would skip rows', async () => {
    const h = harness();
    const rows = [at('2026-01-01T00:00:05Z', { name: 42 as unknown as string })];
    serveInOrder(h, [{ result: rows, next_page_token: '2020-01-01T00:00:00.000000Z' }]);
    const error = (await caught(h.client.listOutplans())) as ApiError;
    expect(error.code).toBe('MALFORMED_RESPONSE');
    expect(error.message).toContain('result[0].name');
    expect(h.client.requestCount).toBe(1);
  });

  it('reports a duplicate id before a malformed row further down', async () => {
    const h = harness();
    const rows = [
      at('2026-01-01T00:00:05Z', { id: 'same' }),
      at('2026-01-01T00:00:04Z', { id: 'same' }),
      at('2026-01-01T00:00:03Z', { detail: null as unknown as string }),
    ];
    serveInOrder(h, [{ result: rows, next_page_token: cursor(rows[2]!.tm_create) }]);
    const error = (await caught(h.client.listOutplans())) as ApiError;
    expect(error.code).toBe('INCONSISTENT_LISTING');
    expect(error.message).toContain('appears twice');
    expect(h.client.requestCount).toBe(1);
  });
});
