/**
 * A page that is wrong in more than one way reports what checking its rows in order finds
 * first, before anything about its token; and no further page is asked for.
 */
import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../src/api/api-error.js';
import { caught, harness, wireOutplan } from './helpers/mock-api.js';
import { cursor } from './helpers/paging.js';

type Page = { result: unknown[]; next_page_token: string };

function serveInOrder(h: ReturnType<typeof harness>, pages: Page[]) {
  for (const page of pages) {
    h.pool.intercept({ path: /\/v1\.0\/outplans\?/, method: 'GET' }).reply(200, page);
  }
}

const at = (iso: string, overrides = {}) => wireOutplan({ tm_create: iso, ...overrides });

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
