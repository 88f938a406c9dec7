/**
 * The misbehaving-server fault kinds (issue 10): listings that break the cursor contract,
 * answers that trickle, never come or never end, and request ids and error bodies that
 * echo the URL with its credential. Plain fetch, like the rest of the contract suite.
 */
import { describe, expect, it } from 'vitest';
import { parseFaultSpec } from '../../src/emulator/faults.js';
import { parseTimestamp } from '../../src/emulator/timestamps.js';
import { KEY_A, call, emulator } from './helpers.js';

type Emu = Awaited<ReturnType<typeof emulator>>;

/** Up to `max` pages of a listing: each page's ids and token, and whether it ended. */
async function pages(emu: Emu, collection: string, max: number) {
  const out: Array<{ ids: string[]; token: string }> = [];
  let token = '';
  for (let i = 0; i < max; i++) {
    const query = token ? `?page_token=${encodeURIComponent(token)}` : '';
    const reply = await call(emu, 'GET', `${collection}${query}`);
    expect(reply.status).toBe(200);
    const ids = reply.json.result.map((r: { id: string }) => r.id);
    token = reply.json.next_page_token;
    out.push({ ids, token });
    if (ids.length === 0 && token === '') return { pages: out, ended: true };
  }
  return { pages: out, ended: false };
}

describe('listing faults', () => {
  it('page-cycle: where the listing would end it starts again, tokens A→B→A', async () => {
    const emu = await emulator({ faults: 'GET /outplans=page-cycle:1' });
    emu.store.seedOutplans(KEY_A, 150);
    const { pages: seen, ended } = await pages(emu, '/outplans', 5);
    expect(ended).toBe(false);
    const [a, b, c, d] = seen;
    expect(c).toEqual(a);
    expect(d).toEqual(b);
    expect(a!.token).not.toBe(b!.token);
    expect(a!.ids).toHaveLength(100);
    expect(b!.ids).toHaveLength(50);
  });

  it('page-cycle with TIMES ends after that many cycles; a campaign listing cycles too', async () => {
    const emu = await emulator({
      faults: 'GET /outplans=page-cycle:1:1,GET /campaigns=page-cycle:1',
    });
    emu.store.seedOutplans(KEY_A, 3);
    const outplans = await pages(emu, '/outplans', 5);
    expect(outplans.ended).toBe(true);
    expect(outplans.pages.map((p) => p.ids.length)).toEqual([3, 3, 0]);
    emu.store.seedCampaign(KEY_A, { name: 'c' });
    const campaigns = await pages(emu, '/campaigns', 4);
    expect(campaigns.ended).toBe(false);
    expect(new Set(campaigns.pages.map((p) => p.token)).size).toBe(1); // A→A→A
  });

  it('page-fresh-token: every token new and later than the last, the listing never ends', async () => {
    const emu = await emulator({ faults: 'GET /numbers=page-fresh-token:1' });
    for (let i = 0; i < 3; i++) emu.store.seedNumber(KEY_A);
    const { pages: seen, ended } = await pages(emu, '/numbers', 6);
    expect(ended).toBe(false);
    const tokens = seen.map((p) => p.token);
    expect(new Set(tokens).size).toBe(6);
    const times = tokens.map((t) => Date.parse(t));
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    expect(times[0]).toBeGreaterThan(Date.now());
    for (const page of seen) expect(page.ids).toEqual(seen[0]!.ids);
  });

  it('page-repeat: each later page starts with the previous page’s last row; the listing ends', async () => {
    const emu = await emulator({ faults: 'GET /outplans=page-repeat:1' });
    emu.store.seedOutplans(KEY_A, 250);
    const { pages: seen, ended } = await pages(emu, '/outplans', 10);
    expect(ended).toBe(true);
    expect(seen[1]!.ids[0]).toBe(seen[0]!.ids.at(-1));
    expect(seen[2]!.ids[0]).toBe(seen[1]!.ids.at(-1));
    const all = seen.flatMap((p) => p.ids);
    expect(new Set(all).size).toBe(250);
    expect(all.length).toBeGreaterThan(250);
    // Tokens still strictly decrease: only the ids give it away. Compared in microseconds,
    // the tokens' own precision: seeded rows can be created within one millisecond.
    const times = seen.filter((p) => p.token).map((p) => parseTimestamp(p.token));
    expect(new Set(times).size).toBe(times.length);
  });

  it('listing kinds apply to list routes only', () => {
    expect([...parseFaultSpec('*=page-cycle:1')[0]!.routes].sort()).toEqual([
      'GET /campaigns',
      'GET /numbers',
      'GET /outplans',
    ]);
    expect(() => parseFaultSpec('POST /outplans=page-repeat:1')).toThrow(/list routes only/);
  });
});

describe('delivery faults', () => {
  it('trickle: headers at once, then about one byte a second (whitespace first)', async () => {
    const emu = await emulator({ faults: 'GET /outplans=trickle:1' });
    const abort = new AbortController();
    const res = await fetch(`${emu.baseUrl}/outplans?accesskey=${KEY_A}`, {
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBeNull();
    const reader = res.body!.getReader();
    let bytes = '';
    const until = Date.now() + 3500;
    while (Date.now() < until) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<null>((r) => setTimeout(() => r(null), until - Date.now())),
      ]);
      if (chunk === null || chunk.done) break;
      bytes += Buffer.from(chunk.value).toString();
    }
    expect(bytes.length).toBeGreaterThanOrEqual(1);
    expect(bytes.length).toBeLessThanOrEqual(5);
    expect(bytes.trim()).toBe('');
    abort.abort();
    await emu.close(); // no timer keeps it alive
  });

  it('silent: the request is read and never answered', async () => {
    const emu = await emulator({ faults: 'POST /outplans=silent:1' });
    await expect(
      fetch(`${emu.baseUrl}/outplans?accesskey=${KEY_A}`, {
        method: 'POST',
        body: '{"name":"x"}',
        signal: AbortSignal.timeout(1500),
      }),
    ).rejects.toThrow();
    expect(emu.requests).toEqual([{ method: 'POST', path: '/v1.0/outplans', status: 0 }]);
    expect(emu.store.listOutplans()).toEqual([]); // nothing was done
  });

  it('huge: a 200 whose body is a gigabyte of whitespace before the JSON, no Content-Length', async () => {
    const emu = await emulator({ faults: 'GET /outplans=huge:1' });
    const abort = new AbortController();
    const res = await fetch(`${emu.baseUrl}/outplans?accesskey=${KEY_A}`, {
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBeNull();
    const reader = res.body!.getReader();
    let total = 0;
    let nonSpace = false;
    while (total < 16 * 1024 * 1024) {
      const { value, done } = await reader.read();
      if (done) break;
      total += value.length;
      nonSpace ||= value.some((b: number) => b !== 0x20);
    }
    expect(total).toBeGreaterThanOrEqual(16 * 1024 * 1024);
    expect(nonSpace).toBe(false);
    abort.abort();
  });
});

describe('echo faults', () => {
  // Characters URL encoding changes, so both the raw and the decoded form can be looked for.
  const KEY = "vb_k(e)y!'~+&*";

  it('echo-url: a 500 whose message and request id carry the URL, credential included', async () => {
    const emu = await emulator({ accessKeys: [KEY], faults: 'POST /outplans=echo-url:1' });
    const encoded = new URLSearchParams({ accesskey: KEY }).toString();
    const res = await fetch(`${emu.baseUrl}/outplans?${encoded}`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { message: string; request_id: string } };
    expect(body.error.message).toContain(`/v1.0/outplans?${encoded}`);
    expect(body.error.message).toContain(`accesskey=${KEY}`);
    expect(body.error.request_id).toContain(encoded);
    expect(res.headers.get('x-request-id')).toBe(body.error.request_id);
    expect(emu.store.listOutplans()).toEqual([]);
  });

  it('echo-id: the normal answer, with an X-Request-Id that carries the URL', async () => {
    const emu = await emulator({ faults: 'GET /outplans=echo-id:1' });
    const reply = await call(emu, 'GET', '/outplans');
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ result: [], next_page_token: '' });
    expect(reply.headers.get('x-request-id')).toMatch(
      new RegExp(`^req_[0-9A-F]{16} GET /v1\\.0/outplans\\?accesskey=${KEY_A}$`),
    );
  });
});
