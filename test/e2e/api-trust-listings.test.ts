/**
 * A listing is a consistent snapshot or it is an error: the built CLI against servers
 * whose listings loop, repeat or never end. Each run must exit 1 quickly, say the API
 * returned an inconsistent listing, and make no write call.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  sendJson,
  startScriptedApi,
  tokenOf,
  wireCampaignRow,
  wireOutplanRow,
  type ScriptedApi,
} from '../helpers/fake-servers/scripted-api.js';
import { configDeclaring, runTrustCase } from '../helpers/fake-servers/trust-run.js';

const KEY = 'vb_trust_listing_key_0001';
const T0 = Date.UTC(2026, 0, 1);
const empty = { result: [], next_page_token: '' };

let api: ScriptedApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function applyAgainst(label: string, server: ScriptedApi, config: string) {
  const run = await runTrustCase(label, {
    baseUrl: server.baseUrl,
    key: KEY,
    args: ['apply', 'outplans.yaml', '--yes', '--rate', 'unlimited', '--report', 'report.json'],
    files: { 'outplans.yaml': config },
    writes: () => server.writes().length,
  });
  expect(run.everything).not.toContain(KEY);
  return run;
}

function expectRefused(
  run: { code: number; stderr: string; seconds: number },
  server: ScriptedApi,
) {
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('The API returned an inconsistent listing');
  expect(server.writes()).toEqual([]);
  expect(run.seconds).toBeLessThan(20);
}

describe('outplan listings that cannot be trusted', () => {
  it('page tokens that cycle A -> B -> A: exit 1, no write', async () => {
    const a = T0 - 100_000;
    const b = T0 - 200_000;
    api = await startScriptedApi((req, _raw, res) => {
      if (req.path !== '/outplans') return sendJson(res, 404, {});
      // No token -> a row at A, token A; A -> a row at B, token B; B -> an older row and
      // token A again, and round it goes.
      const token = req.query.get('page_token');
      const created = token === null ? a : token === tokenOf(a) ? b : b - 1000;
      const next = token === tokenOf(a) ? tokenOf(b) : tokenOf(a);
      const row = wireOutplanRow(1, {
        id: `id-${created}`,
        tm_create: new Date(created).toISOString(),
      });
      sendJson(res, 200, { result: [row], next_page_token: next });
    });
    const run = await applyAgainst('tokens cycle A→B→A', api, configDeclaring(['new one']));
    expectRefused(run, api);
    expect(run.stderr).toMatch(/next_page_token "[^"]+" (repeats|is not older)/);
  });

  it('a fresh token on every page over the same rows: exit 1, no write', async () => {
    let page = 0;
    api = await startScriptedApi((req, _raw, res) => {
      page++;
      sendJson(res, 200, {
        result: [wireOutplanRow(1), wireOutplanRow(2)],
        next_page_token: tokenOf(T0 - 2000 - (page - 1)),
      });
    });
    const run = await applyAgainst('fresh token every page', api, configDeclaring(['new one']));
    expectRefused(run, api);
    expect(run.stderr).toMatch(/appears twice|created no earlier than the page_token/);
    // Outplan pages only: the caller-ID check lists /numbers alongside (issue 14).
    expect(api.requests.filter((r) => r.path === '/outplans').length).toBeLessThanOrEqual(2);
  });

  it('a fresh token and fresh rows forever: stops at --max-list-items, no write', async () => {
    api = await startScriptedApi((req, _raw, res) => {
      const token = req.query.get('page_token');
      const start = token === null ? 1 : (T0 - Date.parse(token)) / 1000 + 1;
      const rows = Array.from({ length: 100 }, (_, i) => wireOutplanRow(start + i));
      sendJson(res, 200, { result: rows, next_page_token: rows.at(-1)!.tm_create });
    });
    const run = await runTrustCase('endless listing, --max-list-items 1000', {
      baseUrl: api.baseUrl,
      key: KEY,
      args: ['apply', 'outplans.yaml', '--yes', '--rate', 'unlimited', '--max-list-items', '1000'],
      files: { 'outplans.yaml': configDeclaring(['new one']) },
      writes: () => api!.writes().length,
    });
    expectRefused(run, api);
    expect(run.stderr).toContain('more than 1000 rows');
    expect(api.requests.filter((r) => r.path === '/outplans').length).toBe(11);
  });

  it('ids repeated across pages: exit 1, no write', async () => {
    api = await startScriptedApi((req, _raw, res) => {
      const token = req.query.get('page_token');
      if (token === null) {
        const rows = [wireOutplanRow(1), wireOutplanRow(2)];
        return sendJson(res, 200, { result: rows, next_page_token: rows[1]!.tm_create });
      }
      if (token.startsWith(new Date(T0 - 2000).toISOString().slice(0, 19))) {
        // Page 2 repeats row 1's id under an older creation time.
        const rows = [wireOutplanRow(3), wireOutplanRow(4, { id: wireOutplanRow(1).id })];
        return sendJson(res, 200, { result: rows, next_page_token: rows[1]!.tm_create });
      }
      sendJson(res, 200, empty);
    });
    const run = await applyAgainst('ids repeated across pages', api, configDeclaring(['new one']));
    expectRefused(run, api);
    expect(run.stderr).toContain('appears twice (page 1 and page 2)');
  });
});

describe('campaign listings that cannot be trusted', () => {
  it('a cycling campaign listing during an apply with an update: exit 1, no write', async () => {
    const live = wireOutplanRow(1, { name: 'sales', detail: 'old' });
    const a = tokenOf(T0 - 100_000);
    const b = tokenOf(T0 - 200_000);
    api = await startScriptedApi((req, _raw, res) => {
      if (req.path === '/outplans') {
        if (req.query.get('page_token') === null) {
          return sendJson(res, 200, {
            result: [live],
            next_page_token: tokenOf(Date.parse(live.tm_create)),
          });
        }
        return sendJson(res, 200, empty);
      }
      if (req.path === '/campaigns') {
        const token = req.query.get('page_token');
        const next = token === a ? b : a;
        const index = token === null ? 10 : token === a ? 150 : 250;
        return sendJson(res, 200, {
          result: [wireCampaignRow(index + Math.floor(Math.random() * 40), live.id)],
          next_page_token: next,
        });
      }
      sendJson(res, 404, { error: { reason: 'ROUTE_NOT_FOUND' } });
    });
    // The config changes the live outplan's detail: an update, so campaigns are listed.
    const config = configDeclaring(['sales']).replace('detail: ""', 'detail: "new"');
    const run = await applyAgainst('campaign tokens cycle (apply with update)', api, config);
    expectRefused(run, api);
    expect(run.stderr).toContain('inconsistent listing of campaigns');
    expect(api.requests.some((r) => r.path === '/campaigns')).toBe(true);
  });
});
