import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../src/api/api-error.js';
import { caught, errorBody, harness } from './helpers/mock-api.js';
import { cursor } from './helpers/paging.js';

/** The 17-key number object, in the server's order. */
function wireNumber(i: number, overrides: Record<string, unknown> = {}) {
  return {
    id: `0b5c2a58-0000-4000-8000-${String(i).padStart(12, '0')}`,
    customer_id: '5e4a0680-804e-11ec-8477-2fea5968d85b',
    number: `+1555000${String(i).padStart(4, '0')}`,
    type: 'normal',
    call_flow_id: '00000000-0000-0000-0000-000000000000',
    message_flow_id: '00000000-0000-0000-0000-000000000000',
    name: '',
    detail: '',
    status: 'active',
    t38_enabled: false,
    emergency_enabled: false,
    metadata: { rtp_debug: false },
    tm_purchase: '2026-01-15T09:30:00.1234Z',
    tm_renew: null,
    tm_create: new Date(Date.UTC(2026, 0, 15) - i * 1000).toISOString(),
    tm_update: null,
    tm_delete: null,
    ...overrides,
  };
}

describe('listNumbers', () => {
  it('pages through GET /numbers and maps each number', async () => {
    const h = harness();
    const rows = Array.from({ length: 130 }, (_, i) => wireNumber(i + 1));
    h.pool
      .intercept({
        path: (p) => p.startsWith('/v1.0/numbers?') && !p.includes('page_token'),
        method: 'GET',
      })
      .reply(200, { result: rows.slice(0, 100), next_page_token: cursor(rows[99]!.tm_create) });
    h.pool
      .intercept({
        path: (p) =>
          p.startsWith('/v1.0/numbers?') &&
          p.includes(encodeURIComponent(cursor(rows[99]!.tm_create))),
        method: 'GET',
      })
      .reply(200, { result: rows.slice(100), next_page_token: cursor(rows[129]!.tm_create) });
    h.pool
      .intercept({
        path: (p) =>
          p.startsWith('/v1.0/numbers?') &&
          p.includes(encodeURIComponent(cursor(rows[129]!.tm_create))),
        method: 'GET',
      })
      .reply(200, { result: [], next_page_token: '' });
    const numbers = await h.client.listNumbers();
    expect(numbers).toHaveLength(130);
    expect(numbers[0]).toEqual({
      id: rows[0]!.id,
      number: '+15550000001',
      type: 'normal',
      status: 'active',
    });
    expect(h.client.requestCount).toBe(3);
  });

  it('reads the old timestamp form, "" and 9999 as unset, and drops a deleted number', async () => {
    const h = harness();
    const old = wireNumber(1, {
      tm_create: '2022-02-01 00:00:00.000000',
      tm_update: '',
      tm_delete: '9999-01-01 00:00:00.000000',
      type: 'virtual',
      number: '+899123456789',
      status: 'purchase_pending',
    });
    const gone = wireNumber(2, {
      tm_create: '2022-01-01 00:00:00.000000',
      tm_delete: '2022-03-01 00:00:00.000000',
      status: 'deleted',
    });
    h.pool
      .intercept({ path: /\/v1\.0\/numbers\?/, method: 'GET' })
      .reply(200, { result: [old, gone], next_page_token: '2022-01-01T00:00:00.000000Z' });
    h.pool
      .intercept({ path: /\/v1\.0\/numbers\?/, method: 'GET' })
      .reply(200, { result: [], next_page_token: '' });
    expect(await h.client.listNumbers()).toEqual([
      { id: old.id, number: '+899123456789', type: 'virtual', status: 'purchase_pending' },
    ]);
  });

  it('fails as a whole with a typed error when numbers may not be listed (403)', async () => {
    const h = harness();
    h.pool
      .intercept({ path: /\/v1\.0\/numbers\?/, method: 'GET' })
      .reply(403, errorBody('PERMISSION_DENIED', 'PERMISSION_DENIED', 'no', 'req_n403'));
    const error = (await caught(h.client.listNumbers())) as ApiError;
    expect(error.status).toBe(403);
    expect(error.message).toContain('Listing numbers failed on page 1');
    expect(error.requestId).toBe('req_n403');
    // A listing's 403 is about the listing, not "another customer's outplan".
    expect(error.hint).toContain('Permission denied for this listing');
    expect(error.hint).not.toContain('outplan');
  });

  it('names the field when a number has the wrong shape', async () => {
    const h = harness();
    h.pool
      .intercept({ path: /\/v1\.0\/numbers\?/, method: 'GET' })
      .reply(200, { result: [wireNumber(1, { status: 7 })], next_page_token: 'x' });
    const error = (await caught(h.client.listNumbers())) as ApiError;
    expect(error.code).toBe('MALFORMED_RESPONSE');
    expect(error.message).toContain('result[0].status');
  });

  it('is a consistent snapshot like any listing', async () => {
    const h = harness();
    const n = wireNumber(1);
    h.pool
      .intercept({ path: /\/v1\.0\/numbers\?/, method: 'GET' })
      .reply(200, { result: [n], next_page_token: cursor(n.tm_create) })
      .persist();
    const error = (await caught(h.client.listNumbers())) as ApiError;
    expect(error.message).toContain('inconsistent listing of numbers');
  });
});

describe('hints fit the call', () => {
  it('a 404 on a listing is a wrong route, not a missing outplan', async () => {
    const h = harness();
    h.pool
      .intercept({ path: /\/v1\.0\/outplans\?/, method: 'GET' })
      .reply(404, errorBody('NOT_FOUND', 'OUTPLAN_NOT_FOUND', 'nope', 'req_404'));
    const error = (await caught(h.client.listOutplans())) as ApiError;
    expect(error.hint).toContain('The API has no such route');
    expect(error.hint).not.toContain('No outplan with this id');
  });
});
