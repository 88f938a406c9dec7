import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../src/api/api-error.js';
import { parseWireOutplan } from '../../src/api/wire-mapping.js';
import type { WireOutplan } from '../../src/model/wire.js';
import {
  KEY,
  caught,
  errorBody,
  everythingIn,
  harness,
  wireOutplan,
  type Harness,
} from './helpers/mock-api.js';

const postPath = (p: string) => p.startsWith('/v1.0/outplans?');
const listPath = (p: string) => p.startsWith('/v1.0/outplans?') && p.includes('page_size');
const createPath = (p: string) => postPath(p) && !p.includes('page_size');
const commitThenFail = errorBody('SERVICE_UNAVAILABLE', 'REQUEST_TIMEOUT', 'timeout', 'req_amb');

/** One list page then the end. */
function listOnce(h: Harness, rows: WireOutplan[]) {
  h.pool
    .intercept({ path: (p) => listPath(p) && !p.includes('page_token'), method: 'GET' })
    .reply(200, {
      result: rows,
      next_page_token: rows.length ? '2020-01-01T00:00:00.000000Z' : '',
    });
  if (rows.length) {
    h.pool
      .intercept({ path: (p) => listPath(p) && p.includes('page_token'), method: 'GET' })
      .reply(200, { result: [], next_page_token: '' });
  }
}

const desired = parseWireOutplan(wireOutplan({ name: 'sales', detail: 'east' })).fields;

describe('createOutplan', () => {
  it('creates with one POST carrying every field', async () => {
    const h = harness();
    let sent: Record<string, unknown> = {};
    h.pool
      .intercept({ path: createPath, method: 'POST', body: (b) => ((sent = JSON.parse(b)), true) })
      .reply(200, wireOutplan({ id: 'new-1', name: 'sales', detail: 'east' }));
    const { outplan, meta } = await h.client.createOutplan(desired, { knownIds: new Set() });
    expect(outplan.id).toBe('new-1');
    expect(meta).toMatchObject({ method: 'POST', status: 200, attempts: 1 });
    expect(meta.adopted).toBeUndefined();
    expect(Object.keys(sent)).toHaveLength(10);
  });

  it('after a commit-then-fail 503, re-lists and adopts instead of creating again', async () => {
    const h = harness();
    h.pool.intercept({ path: createPath, method: 'POST' }).reply(503, commitThenFail, {
      headers: { 'x-request-id': 'req_amb' },
    });
    const old = wireOutplan({ id: 'old-same-fields', name: 'sales', detail: 'east' });
    const committed = wireOutplan({ id: 'committed', name: 'sales', detail: 'east' });
    listOnce(h, [committed, old]);
    const { outplan, meta } = await h.client.createOutplan(desired, {
      knownIds: new Set(['old-same-fields']),
    });
    expect(outplan.id).toBe('committed');
    expect(meta).toMatchObject({ adopted: true, status: 503, requestId: 'req_amb', attempts: 1 });
    expect(h.events.map((e) => e.type)).toContain('create-adopted');
  });

  it.each([
    ['a reset', () => Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })],
    [
      'a headers timeout',
      () => Object.assign(new Error('timeout'), { code: 'UND_ERR_HEADERS_TIMEOUT' }),
    ],
  ])('after %s, never re-POSTs blindly', async (_, makeError) => {
    const h = harness();
    h.pool.intercept({ path: createPath, method: 'POST' }).replyWithError(makeError());
    listOnce(h, [wireOutplan({ id: 'committed', name: 'sales', detail: 'east' })]);
    const { outplan, meta } = await h.client.createOutplan(desired, { knownIds: new Set() });
    expect(outplan.id).toBe('committed');
    expect(meta.adopted).toBe(true);
    expect(meta.status).toBeNull();
  });

  it('creates again only when the re-list shows nothing was created', async () => {
    const h = harness();
    h.pool.intercept({ path: createPath, method: 'POST' }).reply(500, '');
    // Same name, different fields: not ours.
    listOnce(h, [wireOutplan({ id: 'other', name: 'sales', detail: 'west' })]);
    h.pool
      .intercept({ path: createPath, method: 'POST' })
      .reply(200, wireOutplan({ id: 'second-try', name: 'sales', detail: 'east' }));
    const { outplan, meta } = await h.client.createOutplan(desired, { knownIds: new Set() });
    expect(outplan.id).toBe('second-try');
    expect(meta.attempts).toBe(2);
    expect(meta.adopted).toBeUndefined();
  });

  it('never adopts the same outplan twice, nor one it created itself', async () => {
    const h = harness();
    h.pool
      .intercept({ path: createPath, method: 'POST' })
      .reply(200, wireOutplan({ id: 'first', name: 'sales', detail: 'east' }));
    await h.client.createOutplan(desired, { knownIds: new Set() });
    h.pool.intercept({ path: createPath, method: 'POST' }).reply(503, commitThenFail);
    listOnce(h, [
      wireOutplan({ id: 'second', name: 'sales', detail: 'east' }),
      wireOutplan({ id: 'first', name: 'sales', detail: 'east' }),
    ]);
    const second = await h.client.createOutplan(desired, { knownIds: new Set() });
    expect(second.outplan.id).toBe('second');
    h.pool.intercept({ path: createPath, method: 'POST' }).reply(503, commitThenFail);
    listOnce(h, [
      wireOutplan({ id: 'second', name: 'sales', detail: 'east' }),
      wireOutplan({ id: 'first', name: 'sales', detail: 'east' }),
    ]);
    h.pool
      .intercept({ path: createPath, method: 'POST' })
      .reply(200, wireOutplan({ id: 'third', name: 'sales', detail: 'east' }));
    const third = await h.client.createOutplan(desired, { knownIds: new Set() });
    expect(third.outplan.id).toBe('third');
  });

  it('retries a POST refused with 429 (nothing was done) after Retry-After', async () => {
    const h = harness();
    h.pool
      .intercept({ path: createPath, method: 'POST' })
      .reply(429, errorBody('TOO_MANY_REQUESTS', 'RATE_LIMIT_EXCEEDED', 'slow', 'r'), {
        headers: { 'retry-after': '2' },
      });
    h.pool
      .intercept({ path: createPath, method: 'POST' })
      .reply(200, wireOutplan({ id: 'ok', name: 'sales', detail: 'east' }));
    const { outplan, meta } = await h.client.createOutplan(desired, { knownIds: new Set() });
    expect(outplan.id).toBe('ok');
    expect(meta.attempts).toBe(2);
    expect(h.sleeps[0]).toBeGreaterThanOrEqual(2000);
  });

  it('does not retry a POST that got a definite 4xx', async () => {
    const h = harness();
    h.pool
      .intercept({ path: createPath, method: 'POST' })
      .reply(400, errorBody('BAD_REQUEST', 'INVALID_ARGUMENT', 'name too long', 'req_400'));
    const error = (await caught(
      h.client.createOutplan(desired, { knownIds: new Set() }),
    )) as ApiError;
    expect(error.reason).toBe('INVALID_ARGUMENT');
    expect(error.hint).toContain('255');
    expect(h.client.requestCount).toBe(1);
  });

  it('gives up after maxCreateAttempts rounds, saying nothing was created', async () => {
    const h = harness({ maxCreateAttempts: 2 });
    for (let i = 0; i < 2; i++) {
      h.pool.intercept({ path: createPath, method: 'POST' }).reply(503, commitThenFail);
      listOnce(h, []);
    }
    const error = (await caught(
      h.client.createOutplan(desired, { knownIds: new Set() }),
    )) as ApiError;
    expect(error.message).toContain('failed 2 times');
    expect(error.meta.attempts).toBe(2);
    expect(h.client.requestCount).toBe(4);
    expect(everythingIn(error)).not.toContain(KEY);
  });

  it('says the outcome is unknown when the checking listing fails too', async () => {
    const h = harness({ maxAttempts: 2 });
    h.pool.intercept({ path: createPath, method: 'POST' }).reply(503, commitThenFail);
    h.pool.intercept({ path: listPath, method: 'GET' }).reply(500, '').times(2);
    const error = (await caught(
      h.client.createOutplan(desired, { knownIds: new Set() }),
    )) as ApiError;
    expect(error.code).toBe('CREATE_OUTCOME_UNKNOWN');
    expect(error.message).toContain('may or may not exist');
    expect(error.hint).toContain('plan again');
  });
});
