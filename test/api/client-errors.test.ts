import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/api-error.js';
import { caught, errorBody, harness, TOKEN } from './helpers/mock-api.js';

const ID = 'd5fb7357-7ddb-4f2d-87b5-8ccbfd6c039e';
const any = () => true;

async function failWith(status: number, body: unknown, options = {}) {
  const h = harness(options);
  h.pool.intercept({ path: any, method: 'PUT' }).reply(status, body as object, {
    headers: { 'x-request-id': 'req_hdr' },
  });
  const error = await caught(h.client.updateBasic(ID, { name: 'n', detail: '' }));
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('API error messages', () => {
  it('401 with an access key names VOIPBIN_ACCESSKEY and says it was rejected', async () => {
    const error = await failWith(
      401,
      errorBody('UNAUTHORIZED', 'INVALID_CREDENTIALS', 'The credentials are invalid.', 'req_401'),
    );
    expect(error.message).toMatch(/^VoIPBIN rejected the access key in VOIPBIN_ACCESSKEY\./);
    expect(error.message).toContain('401 INVALID_CREDENTIALS');
    expect(error.hint).toContain('VOIPBIN_ACCESSKEY');
    expect(error).toMatchObject({ kind: 'api', status: 401, reason: 'INVALID_CREDENTIALS' });
  });

  it('401 with a token names VOIPBIN_TOKEN', async () => {
    const error = await failWith(
      401,
      errorBody('UNAUTHORIZED', 'INVALID_CREDENTIALS', 'expired', 'r'),
      { credential: { kind: 'token', value: TOKEN } },
    );
    expect(error.message).toMatch(/^VoIPBIN rejected the token in VOIPBIN_TOKEN\./);
    expect(error.hint).toContain('7 days');
  });

  it('403 PERMISSION_DENIED explains another customer’s outplan', async () => {
    const error = await failWith(403, errorBody('FORBIDDEN', 'PERMISSION_DENIED', 'no', 'r'));
    expect(error.hint).toContain('another VoIPBIN customer');
    expect(error.hint).toContain('permission');
  });

  it('403 ACCOUNT_FROZEN and DIRECT_ACCESS_NOT_SUPPORTED explain themselves', async () => {
    const frozen = await failWith(403, errorBody('FORBIDDEN', 'ACCOUNT_FROZEN', 'frozen', 'r'));
    expect(frozen.hint).toContain('frozen');
    const direct = await failWith(
      403,
      errorBody('FORBIDDEN', 'DIRECT_ACCESS_NOT_SUPPORTED', 'direct', 'r'),
      { credential: { kind: 'token', value: TOKEN } },
    );
    expect(direct.hint).toContain('direct-access token');
  });

  it('404 tells a missing outplan from a wrong route', async () => {
    const missing = await failWith(
      404,
      errorBody('NOT_FOUND', 'OUTPLAN_NOT_FOUND', 'The outplan was not found.', 'r'),
    );
    expect(missing.hint).toContain('No outplan with this id');
    const route = await failWith(404, errorBody('NOT_FOUND', 'ROUTE_NOT_FOUND', 'no route', 'r'));
    expect(route.hint).toContain('/v1.0');
  });

  it('400s carry VoIPBIN’s reason and message', async () => {
    const invalid = await failWith(400, errorBody('BAD_REQUEST', 'INVALID_ID', 'bad id', 'r'));
    expect(invalid.message).toContain('400 INVALID_ID: bad id');
    expect(invalid.hint).toContain('not a UUID');
    const body = await failWith(400, errorBody('BAD_REQUEST', 'INVALID_JSON_BODY', 'bad', 'r'));
    expect(body.hint).toContain('bug in outplanctl');
  });

  it('carries method, redacted URL, status and request id (header wins over body)', async () => {
    const error = await failWith(404, errorBody('NOT_FOUND', 'OUTPLAN_NOT_FOUND', 'gone', 'req_b'));
    expect(error.method).toBe('PUT');
    expect(error.url).toBe(`https://api.voipbin.test/v1.0/outplans/${ID}?accesskey=REDACTED`);
    expect(error.requestId).toBe('req_hdr');
    expect(error.message).toContain('request id req_hdr');
  });

  it('takes the request id from the body when there is no header', async () => {
    const h = harness();
    h.pool
      .intercept({ path: any, method: 'PUT' })
      .reply(404, errorBody('NOT_FOUND', 'OUTPLAN_NOT_FOUND', 'gone', 'req_body'));
    const error = (await caught(h.client.updateBasic(ID, { name: 'n', detail: '' }))) as ApiError;
    expect(error.requestId).toBe('req_body');
  });

  it('says so when an error status comes without a VoIPBIN error body', async () => {
    const error = await failWith(400, '<html>Bad Gateway</html>');
    expect(error.message).toContain('no VoIPBIN error body');
    expect(error.reason).toBeNull();
    expect(error.code).toBe('HTTP_400');
  });

  it('names what was expected when a success body is malformed', async () => {
    const h = harness();
    h.pool.intercept({ path: any, method: 'PUT' }).reply(200, { id: ID });
    const error = (await caught(h.client.updateBasic(ID, { name: 'n', detail: '' }))) as ApiError;
    expect(error.code).toBe('MALFORMED_RESPONSE');
    expect(error.message).toContain('expected the updated outplan as a JSON object');
    expect(error.message).toContain('body.name to be a string');
  });

  it('sends a token as Authorization: Bearer, never in the URL', async () => {
    const h = harness({ credential: { kind: 'token', value: TOKEN } });
    let auth: unknown;
    let path = '';
    h.pool
      .intercept({
        path: (p) => ((path = p), true),
        method: 'GET',
        headers: (hd) => ((auth = hd.authorization), true),
      })
      .reply(200, { result: [], next_page_token: '' });
    await h.client.listOutplans();
    expect(auth).toBe(`Bearer ${TOKEN}`);
    expect(path).not.toContain('token');
  });
});
