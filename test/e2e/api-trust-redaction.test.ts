/**
 * Redaction covers everything the world can echo: servers and proxies that put the URL
 * (and so the access key) into X-Request-Id, error messages and bodies, and keys whose
 * characters URL encoding changes. Nothing the CLI prints or writes — stdout, stderr,
 * --debug, --report, saved plans, job summaries — may hold the key in any form.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import {
  sendJson,
  startScriptedApi,
  wireOutplanRow,
  type ScriptedApi,
} from '../helpers/fake-servers/scripted-api.js';
import { configDeclaring, runTrustCase } from '../helpers/fake-servers/trust-run.js';
import { runBuiltCli } from '../helpers/run-cli.js';

/** Every character URL encoding treats specially, a space and a plus included. */
const SPECIAL_KEY = "vb_Sp3c( )!'~ +&=K3y%x";
/** The emulator takes no spaces in keys; every other special character is kept. */
const EMULATOR_KEY = "vb_Sp3c()!'~+&=K3y%x";

/** The forms a server or proxy can echo a key in, computed independently of src/. */
function formsOf(key: string): string[] {
  const form = new URLSearchParams([['k', key]]).toString().slice(2);
  return [
    key,
    encodeURIComponent(key),
    encodeURIComponent(key).toLowerCase(),
    form,
    encodeURI(key),
    JSON.stringify(key).slice(1, -1),
    JSON.stringify(key).slice(1, -1).replace(/&/g, '\\u0026'),
  ];
}

function expectNoKey(text: string, key: string) {
  for (const form of formsOf(key)) {
    if (text.includes(form)) {
      const at = text.indexOf(form);
      throw new Error(
        `found the key as ${JSON.stringify(form)} near: ${text.slice(Math.max(0, at - 80), at + 80)}`,
      );
    }
  }
}

let api: ScriptedApi | undefined;
let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await api?.close();
  await emulator?.close();
  api = undefined;
  emulator = undefined;
});

describe('a server that echoes the request', () => {
  for (const key of ['vb_plainEchoedKey_000042', SPECIAL_KEY]) {
    it(`leaks no form of ${key === SPECIAL_KEY ? "a key with ( ) ! ' ~ space + &" : 'a plain key'} from X-Request-Id or error bodies`, async () => {
      const live = wireOutplanRow(1, { name: 'existing', detail: 'old' });
      api = await startScriptedApi((req, _raw, res) => {
        const echo = `echo ${req.rawUrl} ${key} ${decodeURIComponent(req.rawUrl)}`;
        const headers = { 'x-request-id': `req-${req.rawUrl}` };
        const error = (status: number, reason: string) =>
          sendJson(
            res,
            status,
            {
              error: {
                status: reason,
                reason,
                message: `${echo} ${JSON.stringify(key)} ${encodeURIComponent(key)}`,
                request_id: `req ${key} ${req.rawUrl}`,
              },
            },
            headers,
          );
        if (req.method === 'GET' && req.path === '/outplans') {
          if (req.query.get('page_token') === null) {
            return sendJson(res, 200, { result: [live], next_page_token: live.tm_create }, headers);
          }
          return sendJson(res, 200, { result: [], next_page_token: '' }, headers);
        }
        if (req.method === 'GET' && req.path === '/campaigns') return error(503, 'UNAVAILABLE');
        if (req.method === 'POST') return error(400, 'INVALID_ARGUMENT');
        return error(403, 'PERMISSION_DENIED');
      });
      const config = configDeclaring(['existing', 'new one']).replace(
        'detail: ""',
        'detail: "new"',
      );
      const run = await runTrustCase(
        `echoed credentials (${key === SPECIAL_KEY ? 'special key' : 'plain key'})`,
        {
          baseUrl: api.baseUrl,
          key,
          args: [
            'apply',
            'outplans.yaml',
            '--yes',
            '--debug',
            '--report',
            'report.json',
            '--rate',
            'unlimited',
          ],
          files: { 'outplans.yaml': config },
          env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: 'summary.md' },
          writes: () => api!.writes().length,
        },
      );
      expect(run.code).toBe(1);
      // The echoes did reach the output, redacted.
      expect(run.everything).toContain('REDACTED');
      expect(run.stderr).toContain('request id req');
      expectNoKey(run.everything, key);
    });
  }
});

describe("a key with ( ) ! ' ~ + & = % against the emulator", () => {
  it('plans, saves, applies and reports without showing it in any form', async () => {
    emulator = await startEmulator({ accessKeys: [EMULATOR_KEY], seed: 3 });
    const dir = mkdtempSync(join(tmpdir(), 'outplanctl-special-key-'));
    try {
      writeFileSync(join(dir, 'outplans.yaml'), configDeclaring(['one', 'two']));
      const env = {
        VOIPBIN_API_URL: emulator.baseUrl,
        VOIPBIN_ACCESSKEY: EMULATOR_KEY,
        GITHUB_ACTIONS: 'true',
        GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
      };
      const started = performance.now();
      const plan = await runBuiltCli(['plan', 'outplans.yaml', '--out', 'plan.json', '--debug'], {
        cwd: dir,
        env,
      });
      expect(plan.code).toBe(0);
      const apply = await runBuiltCli(
        ['apply', '--plan', 'plan.json', '--debug', '--report', 'report.json'],
        { cwd: dir, env },
      );
      expect(apply.code).toBe(0);
      expect(
        emulator.store
          .listOutplans(EMULATOR_KEY)
          .map((o) => o.name)
          .sort(),
      ).toEqual(['one', 'two']);
      const files = readdirSync(dir).map((name) => readFileSync(join(dir, name), 'utf8'));
      expect(files.length).toBeGreaterThanOrEqual(4);
      expectNoKey(
        [plan.stdout, plan.stderr, apply.stdout, apply.stderr, ...files].join('\n'),
        EMULATOR_KEY,
      );
      expect(performance.now() - started).toBeLessThan(60_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
