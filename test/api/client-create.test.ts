import { cursor } from './helpers/paging.js';
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
      next_page_token: rows.length ? cursor(rows.at(-1)!.tm_create) : '',
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

  it('creates again only when every re-list shows nothing was created', async () => {
    const h = harness();
    h.pool.intercept({ path: createPath, method: 'POST' }).reply(500, '');
    // Same name, different fields: not ours.
    for (let i = 0; i < 3; i++) {
      listOnce(h, [wireOutplan({ id: 'other', name: 'sales', detail: 'west' })]);
    }
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
    for (let i = 0; i < 3; i++) {
      listOnce(h, [
        wireOutplan({ id: 'second', name: 'sales', detail: 'east' }),
        wireOutplan({ id: 'first', name: 'sales', detail: 'east' }),
      ]);
    }
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

  it('by default POSTs up to five times, each after three empty re-lists', async () => {
    const h = harness();
    for (let i = 0; i < 5; i++) {
      h.pool.intercept({ path: createPath, method: 'POST' }).reply(503, commitThenFail);
      for (let j = 0; j < 3; j++) listOnce(h, []);
    }
    const error = (await caught(
      h.client.createOutplan(desired, { knownIds: new Set() }),
    )) as ApiError;
    expect(error.message).toContain('failed 5 time(s)');
    expect(error.message).toContain('3 listing(s) over ~7 s');
    expect(error.hint).toContain('outplanctl plan');
    expect(error.meta.attempts).toBe(5);
    // Five POSTs, fifteen one-page listings; nothing left unanswered.
    expect(h.client.requestCount).toBe(20);
    expect(h.sleeps).toEqual(Array.from({ length: 5 }, () => [1000, 2000, 4000]).flat());
    expect(everythingIn(error)).not.toContain(KEY);
  });

  it('re-lists after ~1 s, ~3 s and ~7 s and adopts a row that shows up late (read lag)', async () => {
    const h = harness();
    h.pool.intercept({ path: createPath, method: 'POST' }).reply(503, commitThenFail);
    listOnce(h, []);
    listOnce(h, []);
    listOnce(h, [wireOutplan({ id: 'late', name: 'sales', detail: 'east' })]);
    const { outplan, meta } = await h.client.createOutplan(desired, { knownIds: new Set() });
    expect(outplan.id).toBe('late');
    expect(meta.adopted).toBe(true);
    expect(h.sleeps).toEqual([1000, 2000, 4000]);
    expect(h.events.filter((e) => e.type === 'request' && e.method === 'POST')).toHaveLength(1);
  });

  it('takes the re-list delays and the POST limit from the options', async () => {
    const h = harness({ createRecheckDelaysMs: [10, 20], maxCreateAttempts: 1 });
    h.pool.intercept({ path: createPath, method: 'POST' }).reply(503, commitThenFail);
    listOnce(h, []);
    listOnce(h, []);
    const error = (await caught(
      h.client.createOutplan(desired, { knownIds: new Set() }),
    )) as ApiError;
    expect(error.message).toContain('failed 1 time(s)');
    expect(h.sleeps).toEqual([10, 20]);
    expect(h.client.requestCount).toBe(3);
  });

  it('refuses options that would re-POST without looking first', () => {
    expect(() => harness({ createRecheckDelaysMs: [] })).toThrow(RangeError);
    expect(() => harness({ maxCreateAttempts: 0 })).toThrow(RangeError);
  });

  it.each([
    ['the first', 0],
    ['a later', 1],
  ])('says the outcome is unknown when %s checking listing fails', async (_, emptyFirst) => {
    const h = harness({ maxAttempts: 2 });
    h.pool.intercept({ path: createPath, method: 'POST' }).reply(503, commitThenFail);
    for (let i = 0; i < emptyFirst; i++) listOnce(h, []);
    h.pool.intercept({ path: listPath, method: 'GET' }).reply(500, '').times(2);
    const error = (await caught(
      h.client.createOutplan(desired, { knownIds: new Set() }),
    )) as ApiError;
    expect(error.code).toBe('CREATE_OUTCOME_UNKNOWN');
    expect(error.message).toContain('may or may not exist');
    expect(error.hint).toContain('`outplanctl plan`');
    expect(error.hint).toContain('by name');
    // Right away, a lagging listing could still miss it.
    expect(error.hint).toMatch(/wait a few seconds/i);
    // Never a second POST when the first one's outcome is unknown.
    expect(h.events.filter((e) => e.type === 'request' && e.method === 'POST')).toHaveLength(1);
  });
});
