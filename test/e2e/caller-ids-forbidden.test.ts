import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configOf, outplan, startSession, type E2eSession } from '../helpers/e2e-session.js';

// A token that may manage outplans but not list numbers (an agent without the admin or
// manager permission gets 403 PERMISSION_DENIED on GET /numbers): the emulator behind a
// loopback front that refuses only that route, as the real service would for such a token.
async function forbidNumbers(upstream: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (req.method === 'GET' && /^\/v1\.0\/numbers(\/|$)/.test(path)) {
        res.writeHead(403, {
          'content-type': 'application/json',
          'x-request-id': 'req_forbidden0000001',
        });
        res.end(
          JSON.stringify({
            error: {
              status: 'PERMISSION_DENIED',
              reason: 'PERMISSION_DENIED',
              message: 'permission denied',
              request_id: 'req_forbidden0000001',
            },
          }),
        );
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const origin = new URL(upstream).origin;
      const answer = await fetch(`${origin}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      });
      res.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'application/json',
        'x-request-id': answer.headers.get('x-request-id') ?? '',
      });
      res.end(Buffer.from(await answer.arrayBuffer()));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1.0`, server };
}

describe('a credential that may not list numbers (403)', () => {
  let s: E2eSession;
  let front: { url: string; server: Server };
  beforeAll(async () => {
    s = await startSession({ numbers: ['+15550000001'] });
    front = await forbidNumbers(s.emulator.baseUrl);
    const outplans = configOf([
      outplan('Sales', { source: { type: 'tel', target: '+15550000001' } }),
    ]);
    s.write('lenient/outplans.yaml', outplans);
    s.write('strict/outplans.yaml', outplans);
    s.write('strict/policy.yaml', 'policy:\n  require_owned_caller_ids: true\n');
  });
  afterAll(async () => {
    await new Promise((resolve) => front.server.close(resolve));
    await s.close();
  });

  it('without the policy: the plan says the caller IDs could not be verified, exit 0', async () => {
    const run = await s.run(['plan', 'lenient'], { VOIPBIN_API_URL: front.url });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/warning: .*numbers could not be listed.*403/);
    expect(run.stdout).toMatch(/caller IDs of 1 outplan could not be verified/);
    expect(run.stdout).toMatch(/Plan: 1 to create/);
  });

  it('under the policy: apply fails with exit 1 and makes no write call', async () => {
    s.emulator.resetRequestLog();
    const run = await s.run(['apply', 'strict', '--yes'], { VOIPBIN_API_URL: front.url });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/error: The account's numbers could not be listed \(.*403/);
    expect(run.stderr).toMatch(/Check that the credential may list numbers/);
    expect(s.writes()).toEqual([]);
    expect(s.liveRows()).toEqual([]);
  });
});
