import { errors } from 'undici';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/api-error.js';
import { parseWireOutplan } from '../../src/api/wire-mapping.js';
import { caught, errorBody, harness, wireOutplan, type Harness } from './helpers/mock-api.js';

const ID = 'd5fb7357-7ddb-4f2d-87b5-8ccbfd6c039e';
const reset = () => Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
const econnreset = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });

function putOk(h: Harness) {
  h.pool
    .intercept({ path: `/v1.0/outplans/${ID}?accesskey=vb_T0pS3cretKeyDoNotLeak`, method: 'PUT' })
    .reply(200, wireOutplan({ id: ID, name: 'renamed', detail: 'd' }));
}
const basicPath = (p: string) => p.startsWith(`/v1.0/outplans/${ID}?`);

describe('retries of idempotent calls', () => {
  it.each([500, 502, 503, 504])(
    'retries %i with exponential backoff and jitter',
    async (status) => {
      const h = harness({ random: () => 0 });
      h.pool.intercept({ path: basicPath, method: 'PUT' }).reply(status, '').times(3);
      putOk(h);
      const { outplan, meta } = await h.client.updateBasic(ID, { name: 'renamed', detail: 'd' });
      expect(outplan.fields.name).toBe('renamed');
      expect(meta.attempts).toBe(4);
      expect(meta.status).toBe(200);
      // random() = 0: half of 250, 500, 1000 ms.
      expect(h.sleeps).toEqual([125, 250, 500]);
    },
  );

  it('honours Retry-After on 429 and slows the pacing down', async () => {
    const h = harness({ rate: 15 });
    h.pool
      .intercept({ path: basicPath, method: 'PUT' })
      .reply(429, errorBody('TOO_MANY_REQUESTS', 'RATE_LIMIT_EXCEEDED', 'slow down', 'req_429'), {
        headers: { 'retry-after': '3' },
      });
    putOk(h);
    await h.client.updateBasic(ID, { name: 'renamed', detail: 'd' });
    expect(h.sleeps[0]).toBeGreaterThanOrEqual(3000);
    expect(h.events).toContainEqual(expect.objectContaining({ type: 'throttle', rate: 7.5 }));
  });

  it.each([
    ['a reset connection', reset],
    ['ECONNRESET', econnreset],
    ['a headers timeout', () => new errors.HeadersTimeoutError()],
    ['a body timeout', () => new errors.BodyTimeoutError()],
    ['a connect timeout', () => new errors.ConnectTimeoutError()],
  ])('retries after %s', async (_, makeError) => {
    const h = harness();
    h.pool.intercept({ path: basicPath, method: 'PUT' }).replyWithError(makeError());
    putOk(h);
    const { meta } = await h.client.updateBasic(ID, { name: 'renamed', detail: 'd' });
    expect(meta.attempts).toBe(2);
    expect(h.events.filter((e) => e.type === 'retry')).toHaveLength(1);
  });

  it('gives up after maxAttempts with the last status and request id', async () => {
    const h = harness({ maxAttempts: 3 });
    h.pool
      .intercept({ path: basicPath, method: 'PUT' })
      .reply(503, errorBody('SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE', 'busy', 'req_x'))
      .times(3);
    const error = (await caught(h.client.updateBasic(ID, { name: 'n', detail: '' }))) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(503);
    expect(error.meta.attempts).toBe(3);
    expect(error.message).toContain('after 3 attempts');
    expect(error.message).toContain('request id req_x');
  });

  it('does not retry a refused connection (wrong URL or no emulator)', async () => {
    const h = harness();
    h.pool
      .intercept({ path: basicPath, method: 'PUT' })
      .replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    const error = (await caught(h.client.updateBasic(ID, { name: 'n', detail: '' }))) as ApiError;
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toContain('connection was refused');
    expect(error.hint).toContain('--api-url');
    expect(h.client.requestCount).toBe(1);
  });

  it('reads a Retry-After HTTP date against the injected wall clock', async () => {
    const h = harness({ wallClock: () => Date.parse('2030-01-01T00:00:00Z') });
    h.pool
      .intercept({ path: basicPath, method: 'PUT' })
      .reply(429, errorBody('TOO_MANY_REQUESTS', 'RATE_LIMIT_EXCEEDED', 'later', 'r'), {
        headers: { 'retry-after': 'Tue, 01 Jan 2030 00:00:05 GMT' },
      });
    putOk(h);
    const { meta } = await h.client.updateBasic(ID, { name: 'renamed', detail: 'd' });
    expect(meta.attempts).toBe(2);
    expect(h.sleeps).toEqual([5000]);
  });

  it('does not wait out a Retry-After date far beyond the wall clock', async () => {
    const h = harness({ wallClock: () => Date.parse('2030-01-01T00:00:00Z') });
    h.pool
      .intercept({ path: basicPath, method: 'PUT' })
      .reply(429, errorBody('TOO_MANY_REQUESTS', 'RATE_LIMIT_EXCEEDED', 'later', 'r'), {
        headers: { 'retry-after': 'Tue, 01 Jan 2030 01:00:00 GMT' },
      });
    const error = (await caught(h.client.updateBasic(ID, { name: 'n', detail: '' }))) as ApiError;
    expect(error.status).toBe(429);
    expect(h.sleeps).toEqual([]);
  });

  it('does not wait out an unreasonable Retry-After', async () => {
    const h = harness();
    h.pool
      .intercept({ path: basicPath, method: 'PUT' })
      .reply(429, errorBody('TOO_MANY_REQUESTS', 'RATE_LIMIT_EXCEEDED', 'later', 'r'), {
        headers: { 'retry-after': '3600' },
      });
    const error = (await caught(h.client.updateBasic(ID, { name: 'n', detail: '' }))) as ApiError;
    expect(error.status).toBe(429);
    expect(error.hint).toContain('--rate');
    expect(h.sleeps).toEqual([]);
  });

  it('sends the complete dial_info group on PUT .../dial_info', async () => {
    const h = harness();
    let sent: unknown;
    h.pool
      .intercept({
        path: (p) => p.startsWith(`/v1.0/outplans/${ID}/dial_info?`),
        method: 'PUT',
        body: (b) => ((sent = JSON.parse(b)), true),
      })
      .reply(200, wireOutplan({ id: ID }));
    const fields = parseWireOutplan(wireOutplan({ source: {} })).fields;
    await h.client.updateDialInfo(ID, fields);
    expect(sent).toEqual({
      source: {},
      dial_timeout: 30000,
      try_interval: 600000,
      max_try_count_0: 5,
      max_try_count_1: 5,
      max_try_count_2: 5,
      max_try_count_3: 5,
      max_try_count_4: 5,
    });
  });
});

describe('deleteOutplan', () => {
  const delPath = (p: string) => p.startsWith(`/v1.0/outplans/${ID}?`);

  it('counts a 404 on a retry after a lost response as done', async () => {
    const h = harness();
    h.pool.intercept({ path: delPath, method: 'DELETE' }).replyWithError(reset());
    h.pool
      .intercept({ path: delPath, method: 'DELETE' })
      .reply(404, errorBody('NOT_FOUND', 'OUTPLAN_NOT_FOUND', 'The outplan was not found.', 'r'));
    const { meta } = await h.client.deleteOutplan(ID);
    expect(meta.attempts).toBe(2);
    expect(meta.status).toBe(404);
  });

  it.each([
    ['ROUTE_NOT_FOUND', errorBody('NOT_FOUND', 'ROUTE_NOT_FOUND', 'no route', 'r')],
    ['no VoIPBIN error body', '<html>Not Found</html>'],
  ])(
    'treats a 404 %s on a retry after a lost response as an error, not as done',
    async (_, body) => {
      const h = harness();
      h.pool.intercept({ path: delPath, method: 'DELETE' }).replyWithError(reset());
      h.pool.intercept({ path: delPath, method: 'DELETE' }).reply(404, body);
      const error = (await caught(h.client.deleteOutplan(ID))) as ApiError;
      expect(error).toBeInstanceOf(ApiError);
      expect(error.status).toBe(404);
      expect(error.hint).toContain('--api-url');
    },
  );

  it('treats a 404 on the first attempt as an error', async () => {
    const h = harness();
    h.pool
      .intercept({ path: delPath, method: 'DELETE' })
      .reply(404, errorBody('NOT_FOUND', 'OUTPLAN_NOT_FOUND', 'The outplan was not found.', 'r'));
    const error = (await caught(h.client.deleteOutplan(ID))) as ApiError;
    expect(error.reason).toBe('OUTPLAN_NOT_FOUND');
  });

  it('succeeds on 200 (VoIPBIN does not answer 204)', async () => {
    const h = harness();
    h.pool
      .intercept({ path: delPath, method: 'DELETE' })
      .reply(200, wireOutplan({ id: ID, tm_delete: '2026-05-01T00:00:00Z' }), {
        headers: { 'x-request-id': 'req_del' },
      });
    const { meta } = await h.client.deleteOutplan(ID);
    expect(meta).toMatchObject({
      method: 'DELETE',
      status: 200,
      requestId: 'req_del',
      attempts: 1,
    });
  });
});
