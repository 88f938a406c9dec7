/**
 * Every read is bounded in time and size: the built CLI against servers that trickle,
 * stay silent, send gigabytes or ask for long waits. Each run ends within its bound, says
 * why, and makes no write call.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  sendJson,
  startScriptedApi,
  type ScriptedApi,
} from '../helpers/fake-servers/scripted-api.js';
import { configDeclaring, runTrustCase } from '../helpers/fake-servers/trust-run.js';

const KEY = 'vb_trust_deadline_key_0002';
const CONFIG = { 'outplans.yaml': configDeclaring(['new one']) };

let api: ScriptedApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

function run(label: string, server: ScriptedApi, args: readonly string[]) {
  return runTrustCase(label, {
    baseUrl: server.baseUrl,
    key: KEY,
    args,
    files: CONFIG,
    writes: () => server.writes().length,
  });
}

describe('deadlines', () => {
  it('a body trickled one byte a second cannot hold the run past its deadline', async () => {
    const timers: NodeJS.Timeout[] = [];
    api = await startScriptedApi((_req, _raw, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const body = JSON.stringify({ result: [], next_page_token: '' }).padStart(400, ' ');
      let at = 0;
      const timer = setInterval(() => {
        if (res.destroyed || at >= body.length) return clearInterval(timer);
        res.write(body[at++]!);
      }, 1000);
      timers.push(timer);
    });
    // --timeout 2000: each attempt ends 2 s after it starts; the call after 4.5 s.
    const result = await run('trickling body (--timeout 2000)', api, [
      'apply',
      'outplans.yaml',
      '--yes',
      '--timeout',
      '2000',
    ]);
    for (const timer of timers) clearInterval(timer);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the request timed out');
    expect(result.stderr).toContain('REQUEST_DEADLINE');
    expect(result.seconds).toBeLessThan(15);
    expect(api.writes()).toEqual([]);
    expect(result.everything).not.toContain(KEY);
  });

  it('a server that never answers fails plan within the call deadline', async () => {
    api = await startScriptedApi(() => {
      // Accept, read, never answer.
    });
    const result = await run('silent server (--timeout 2000)', api, [
      'plan',
      'outplans.yaml',
      '--timeout',
      '2000',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the request timed out');
    // 2.25 x 2 s for the call, plus process start-up on a busy machine.
    expect(result.seconds).toBeLessThan(15);
    expect(api.requests.length).toBeGreaterThanOrEqual(2);
    expect(api.writes()).toEqual([]);
  });
});

describe('size caps', () => {
  it('a 200 with a 600 MB chunked body fails fast as "response too large"', async () => {
    api = await startScriptedApi((_req, _raw, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_huge' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (!res.destroyed && sent < 600 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      res.write('{"result":[');
      pump();
    });
    const result = await run('huge body, 600 MB chunked', api, ['apply', 'outplans.yaml', '--yes']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('response too large');
    expect(result.stderr).toContain('request id req_huge');
    expect(result.stderr).not.toContain('ERR_STRING_TOO_LONG');
    expect(result.seconds).toBeLessThan(20);
    // Outplan requests only: the caller-ID check lists /numbers alongside (issue 14).
    expect(api.requests.filter((r) => r.path === '/outplans')).toHaveLength(1);
    expect(api.writes()).toEqual([]);
  });

  it('a declared 600 MB body is refused before it is read', async () => {
    api = await startScriptedApi((_req, _raw, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(600 * 1024 * 1024),
      });
      res.write('{"result":[');
    });
    const result = await run('huge body, 600 MB declared', api, ['plan', 'outplans.yaml']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('declares 629145600 bytes');
    expect(result.seconds).toBeLessThan(20);
    expect(api.writes()).toEqual([]);
  });
});

describe('waits', () => {
  it('a Retry-After beyond the cap fails fast and says what the server asked for', async () => {
    api = await startScriptedApi((_req, _raw, res) => {
      sendJson(
        res,
        429,
        {
          error: {
            status: 'RESOURCE_EXHAUSTED',
            reason: 'RATE_LIMIT_EXCEEDED',
            message: 'slow down',
            request_id: 'req_429',
          },
        },
        { 'retry-after': '120' },
      );
    });
    const result = await run('Retry-After: 120', api, ['apply', 'outplans.yaml', '--yes']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('asked to wait 120 s (Retry-After)');
    expect(result.seconds).toBeLessThan(15);
    // Outplan requests only: the caller-ID check lists /numbers alongside (issue 14).
    expect(api.requests.filter((r) => r.path === '/outplans')).toHaveLength(1);
    expect(api.writes()).toEqual([]);
  });

  it('a Retry-After worth waiting is announced on stderr, then the run goes on', async () => {
    let calls = 0;
    api = await startScriptedApi((req, _raw, res) => {
      calls++;
      if (calls === 1) return sendJson(res, 429, {}, { 'retry-after': '4' });
      if (req.method === 'GET') return sendJson(res, 200, { result: [], next_page_token: '' });
      sendJson(res, 500, {});
    });
    const result = await run('Retry-After: 4, then plan', api, ['plan', 'outplans.yaml']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /Waiting 4 s for a retry of GET http:\/\/127\.0\.0\.1:\d+\/v1\.0\/outplans\?page_size=100&accesskey=REDACTED \(it answered 429 with Retry-After 4 s\)/,
    );
    expect(api.writes()).toEqual([]);
  });
});
