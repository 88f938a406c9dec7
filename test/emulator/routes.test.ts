import { describe, expect, it } from 'vitest';
import { KEY_A, MISSING_ID, call, emulator, expectError, outplanBody } from './helpers.js';

describe('routes', () => {
  it('serves exactly the six outplan routes, each answering 200 on success', async () => {
    const emu = await emulator();
    const created = await call(emu, 'POST', '/outplans', { body: outplanBody() });
    expect(created.status).toBe(200); // not 201
    const id = created.json.id;
    expect((await call(emu, 'GET', '/outplans')).status).toBe(200);
    expect((await call(emu, 'GET', `/outplans/${id}`)).status).toBe(200);
    expect(
      (await call(emu, 'PUT', `/outplans/${id}`, { body: { name: 'n', detail: '' } })).status,
    ).toBe(200);
    expect((await call(emu, 'PUT', `/outplans/${id}/dial_info`, { body: {} })).status).toBe(200);
    const deleted = await call(emu, 'DELETE', `/outplans/${id}`);
    expect(deleted.status).toBe(200); // not 204
    expect(deleted.json.id).toBe(id);
  });

  it.each([
    ['GET', '/'],
    ['GET', '/v1.0'],
    ['GET', '/v1.0/'],
    ['GET', '/v1.0/outplans/'],
    ['GET', '/v1.0/outplans//dial_info'],
    ['GET', '/v2.0/outplans'],
    ['GET', '/outplans'],
    ['PATCH', `/v1.0/outplans/${MISSING_ID}`],
    ['POST', `/v1.0/outplans/${MISSING_ID}`],
    ['DELETE', '/v1.0/outplans'],
    ['PUT', '/v1.0/outplans'],
    ['GET', `/v1.0/outplans/${MISSING_ID}/dial_info`],
    ['POST', '/v1.0/outplans/bulk'],
    ['GET', `/v1.0/outplans/${MISSING_ID}/dial_info/x`],
    ['GET', `/v1.0/campaigns/${MISSING_ID}`],
    ['HEAD', '/v1.0/outplans'],
    ['GET', '/v1.0/accesskeys'],
  ])('%s %s is 404 ROUTE_NOT_FOUND, with or without credentials', async (method, path) => {
    const emu = await emulator();
    const base = emu.baseUrl.replace(/\/v1\.0$/, '');
    for (const query of ['', `?accesskey=${KEY_A}`]) {
      const res = await fetch(base + path + query, { method });
      expect(res.status).toBe(404);
      if (method === 'HEAD') continue;
      expectError(
        { status: res.status, headers: res.headers, text: '', json: await res.json() },
        404,
        'NOT_FOUND',
        'ROUTE_NOT_FOUND',
      );
    }
  });

  it('puts a request id in the X-Request-Id header of every response, success included', async () => {
    const emu = await emulator();
    const ok = await call(emu, 'GET', '/outplans');
    const missing = await call(emu, 'GET', `/outplans/${MISSING_ID}`);
    const ids = [ok, missing].map((r) => r.headers.get('x-request-id'));
    for (const id of ids) expect(id).toMatch(/^req_[0-9A-Z]{16}$/);
    expect(ids[0]).not.toBe(ids[1]);
    expect(ok.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('answers errors in the envelope {"error":{status,reason,message,request_id}}', async () => {
    const emu = await emulator();
    const reply = await call(emu, 'GET', `/outplans/${MISSING_ID}`);
    expectError(reply, 404, 'NOT_FOUND', 'OUTPLAN_NOT_FOUND');
    expect(Object.keys(reply.json.error)).toEqual(['status', 'reason', 'message', 'request_id']);
    expect(reply.json.error.message).toBe('The outplan was not found.');
  });

  it('logs every request without its query string', async () => {
    const emu = await emulator();
    await call(emu, 'GET', '/outplans?page_size=5');
    await call(emu, 'GET', '/nowhere');
    expect(emu.requests).toEqual([
      { method: 'GET', path: '/v1.0/outplans', status: 200 },
      { method: 'GET', path: '/v1.0/nowhere', status: 404 },
    ]);
    expect(JSON.stringify(emu.requests)).not.toContain(KEY_A);
    emu.resetRequestLog();
    expect(emu.requests).toEqual([]);
  });

  it('keeps only the newest maxRequestLog entries, so a long run does not grow without bound', async () => {
    const emu = await emulator({ maxRequestLog: 3 });
    for (let i = 0; i < 8; i++) await call(emu, 'GET', `/outplans/${MISSING_ID}x${i}`);
    expect(emu.requests.map((r) => r.path)).toEqual(
      [5, 6, 7].map((i) => `/v1.0/outplans/${MISSING_ID}x${i}`),
    );
    emu.resetRequestLog();
    await call(emu, 'GET', '/outplans');
    expect(emu.requests).toHaveLength(1);
  });

  it('logs nothing with maxRequestLog 0 (what `outplanctl emulator` runs with)', async () => {
    const emu = await emulator({ maxRequestLog: 0 });
    await call(emu, 'GET', '/outplans');
    expect(emu.requests).toEqual([]);
  });

  it('refuses a negative or fractional maxRequestLog', async () => {
    await expect(emulator({ maxRequestLog: -1 })).rejects.toThrow(/maxRequestLog/);
    await expect(emulator({ maxRequestLog: 1.5 })).rejects.toThrow(/maxRequestLog/);
  });
});
