import { describe, expect, it } from 'vitest';
import { KEY_A, KEY_B, MISSING_ID, call, emulator, expectError } from './helpers.js';

/** GET /outplans with hand-made credentials; `who` is the customer the emulator acted for. */
async function listAs(
  emu: Awaited<ReturnType<typeof emulator>>,
  query: string,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${emu.baseUrl}/outplans${query}`, { headers });
  const json = await res.json();
  return { status: res.status, json, headers: res.headers, text: JSON.stringify(json) };
}

describe('credentials', () => {
  it('401 AUTHENTICATION_REQUIRED when none is sent', async () => {
    const emu = await emulator();
    expectError(await listAs(emu, ''), 401, 'UNAUTHENTICATED', 'AUTHENTICATION_REQUIRED');
  });

  it('401 INVALID_CREDENTIALS for an unknown access key or token', async () => {
    const emu = await emulator();
    expectError(
      await listAs(emu, '?accesskey=vb_nope'),
      401,
      'UNAUTHENTICATED',
      'INVALID_CREDENTIALS',
    );
    expectError(
      await listAs(emu, '?token=eyJ.nope.x'),
      401,
      'UNAUTHENTICATED',
      'INVALID_CREDENTIALS',
    );
  });

  it('accepts each credential carrier on its own', async () => {
    const emu = await emulator();
    const jwt = emu.issueToken(KEY_A);
    const carriers: Array<[string, Record<string, string>]> = [
      ['', { cookie: `token=${jwt}` }],
      [`?token=${jwt}`, {}],
      ['', { authorization: `Bearer ${jwt}` }],
      ['', { cookie: `accesskey=${KEY_A}` }],
      [`?accesskey=${KEY_A}`, {}],
    ];
    for (const [query, headers] of carriers)
      expect((await listAs(emu, query, headers)).status).toBe(200);
  });

  it('the first credential found wins, with no fallback when it is invalid', async () => {
    const emu = await emulator();
    const jwt = emu.issueToken(KEY_A);
    // A bad token in a higher-priority place is not rescued by a good key later on.
    const cases: Array<[string, Record<string, string>]> = [
      [`?accesskey=${KEY_A}`, { cookie: 'token=bad' }],
      [`?token=bad&accesskey=${KEY_A}`, {}],
      [`?accesskey=${KEY_A}`, { authorization: 'Bearer bad' }],
      [`?accesskey=${KEY_A}`, { cookie: 'accesskey=vb_bad' }],
      [`?token=bad`, { cookie: `accesskey=${KEY_A}`, authorization: `Bearer ${jwt}` }],
    ];
    for (const [query, headers] of cases)
      expectError(await listAs(emu, query, headers), 401, 'UNAUTHENTICATED', 'INVALID_CREDENTIALS');
    // The precedence order itself: cookie token beats ?token= beats Bearer beats cookie key beats ?accesskey=.
    expect((await listAs(emu, '?token=bad', { cookie: `token=${jwt}` })).status).toBe(200);
    expect((await listAs(emu, `?token=${jwt}`, { authorization: 'Bearer bad' })).status).toBe(200);
    expect(
      (await listAs(emu, '', { authorization: `Bearer ${jwt}`, cookie: 'accesskey=bad' })).status,
    ).toBe(200);
    expect((await listAs(emu, '?accesskey=bad', { cookie: `accesskey=${KEY_A}` })).status).toBe(
      200,
    );
  });

  it('"Bearer " is case-sensitive: any other scheme is no credential at all', async () => {
    const emu = await emulator();
    const jwt = emu.issueToken(KEY_A);
    expectError(
      await listAs(emu, '', { authorization: `bearer ${jwt}` }),
      401,
      'UNAUTHENTICATED',
      'AUTHENTICATION_REQUIRED',
    );
    // ...so a lower-priority access key is used instead.
    expect(
      (await listAs(emu, `?accesskey=${KEY_A}`, { authorization: `bearer ${jwt}` })).status,
    ).toBe(200);
  });

  it('accepts only tokens it issued or was given, not access keys as tokens', async () => {
    const emu = await emulator({ tokens: ['jwt-for-a', 'jwt-for-b'] });
    expectError(
      await listAs(emu, '', { authorization: `Bearer ${KEY_A}` }),
      401,
      'UNAUTHENTICATED',
      'INVALID_CREDENTIALS',
    );
    const mine = emu.store.seedOutplan(KEY_B, { name: 'b' });
    const got = await fetch(`${emu.baseUrl}/outplans/${mine.id}`, {
      headers: { authorization: 'Bearer jwt-for-b' },
    });
    expect(got.status).toBe(200);
    const denied = await fetch(`${emu.baseUrl}/outplans/${mine.id}`, {
      headers: { authorization: 'Bearer jwt-for-a' },
    });
    expect(denied.status).toBe(403);
  });

  it('rejects an expired token as INVALID_CREDENTIALS', async () => {
    let now = new Date('2026-01-15T09:30:00Z');
    const emu = await emulator({ now: () => now });
    const jwt = emu.issueToken(KEY_A, { ttlMs: 60_000 });
    expect((await listAs(emu, '', { authorization: `Bearer ${jwt}` })).status).toBe(200);
    now = new Date('2026-01-15T09:31:00Z');
    expectError(
      await listAs(emu, '', { authorization: `Bearer ${jwt}` }),
      401,
      'UNAUTHENTICATED',
      'INVALID_CREDENTIALS',
    );
  });

  it('403 DIRECT_ACCESS_NOT_SUPPORTED for a resource-scoped token, 403 ACCOUNT_FROZEN for a frozen account', async () => {
    const emu = await emulator();
    const direct = emu.issueToken(KEY_A, { direct: true });
    expectError(
      await listAs(emu, '', { authorization: `Bearer ${direct}` }),
      403,
      'PERMISSION_DENIED',
      'DIRECT_ACCESS_NOT_SUPPORTED',
    );
    emu.store.setFrozen(KEY_B, true);
    expectError(
      await listAs(emu, `?accesskey=${KEY_B}`),
      403,
      'PERMISSION_DENIED',
      'ACCOUNT_FROZEN',
    );
    emu.store.setFrozen(KEY_B, false);
    expect((await listAs(emu, `?accesskey=${KEY_B}`)).status).toBe(200);
  });

  it('checks credentials before ids and bodies (401 beats 400)', async () => {
    const emu = await emulator();
    expectError(
      await call(emu, 'GET', '/outplans/not-a-uuid', { key: null }),
      401,
      'UNAUTHENTICATED',
      'AUTHENTICATION_REQUIRED',
    );
    expectError(
      await call(emu, 'POST', '/outplans', { key: null, rawBody: '{' }),
      401,
      'UNAUTHENTICATED',
      'AUTHENTICATION_REQUIRED',
    );
  });

  it('never echoes a credential in a response', async () => {
    const emu = await emulator();
    const replies = [
      await call(emu, 'GET', `/outplans/${MISSING_ID}`),
      await call(emu, 'GET', '/outplans', { key: 'vb_wrong_secret' }),
      await call(emu, 'POST', '/outplans', { rawBody: '{"name":' }),
    ];
    for (const r of replies) {
      expect(r.text).not.toContain(KEY_A);
      expect(r.text).not.toContain('vb_wrong_secret');
    }
  });

  it('a generated key is used when none is configured', async () => {
    const { startEmulator } = await import('../../src/emulator/index.js');
    const emu = await startEmulator();
    try {
      expect(emu.accessKeys).toHaveLength(1);
      expect(emu.accessKeys[0]).toMatch(/^vb_[0-9a-f]{40}$/);
      expect((await listAs(emu as never, `?accesskey=${emu.accessKeys[0]}`)).status).toBe(200);
    } finally {
      await emu.close();
    }
  });
});
