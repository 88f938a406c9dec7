/**
 * Corporate networks: HTTPS_PROXY / HTTP_PROXY / NO_PROXY (lower case first) as curl reads
 * them, through a loopback proxy written for the test (no internet). The emulator is the
 * origin; its plain-http URL uses http_proxy / HTTP_PROXY, as curl would.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { startLoopbackProxy, type LoopbackProxy } from '../helpers/fake-servers/proxy.js';
import { configDeclaring } from '../helpers/fake-servers/trust-run.js';
import { secondsSince } from '../helpers/fake-servers/scripted-api.js';
import { runBuiltCli } from '../helpers/run-cli.js';
import { appendFileSync } from 'node:fs';

const KEY = 'vb_proxy_trust_key_0003';
const PASSWORD = 's3cret!pw';

let emulator: RunningEmulator;
let proxy: LoopbackProxy;
let authProxy: LoopbackProxy;
let dir: string;
/** A loopback port nothing listens on: a proxy that is down. */
let deadProxy: string;

beforeAll(async () => {
  emulator = await startEmulator({ accessKeys: [KEY], seed: 5 });
  proxy = await startLoopbackProxy();
  authProxy = await startLoopbackProxy({ user: 'ci', password: PASSWORD });
  const gone = await startLoopbackProxy();
  deadProxy = gone.url;
  await gone.close();
  dir = mkdtempSync(join(tmpdir(), 'outplanctl-proxy-'));
  writeFileSync(join(dir, 'outplans.yaml'), configDeclaring(['via proxy']));
});
afterAll(async () => {
  await Promise.all([emulator.close(), proxy.close(), authProxy.close()]);
  rmSync(dir, { recursive: true, force: true });
});

async function plan(label: string, env: Record<string, string>) {
  const writesBefore = emulator.requests.filter((r) => r.method !== 'GET').length;
  const started = performance.now();
  const result = await runBuiltCli(['plan', 'outplans.yaml', '--debug'], {
    cwd: dir,
    env: { VOIPBIN_API_URL: emulator.baseUrl, VOIPBIN_ACCESSKEY: KEY, ...env },
  });
  const seconds = secondsSince(started);
  const writes = emulator.requests.filter((r) => r.method !== 'GET').length - writesBefore;
  if (process.env.TRUST_TABLE) {
    appendFileSync(
      process.env.TRUST_TABLE,
      `${JSON.stringify({ label, code: result.code, seconds, writes })}\n`,
    );
  }
  expect(`${result.stdout}${result.stderr}`).not.toContain(KEY);
  return { ...result, seconds, writes };
}

describe('proxies from the environment', () => {
  it('HTTP_PROXY carries the requests to an http origin', async () => {
    const before = proxy.tunnels.length;
    const result = await plan('HTTP_PROXY (loopback CONNECT proxy)', { HTTP_PROXY: proxy.url });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('via proxy');
    expect(proxy.tunnels.length).toBeGreaterThan(before);
    expect(proxy.tunnels.at(-1)).toBe(new URL(emulator.baseUrl).host);
  });

  it('a proxy user name and password work and are never shown', async () => {
    const url = new URL(authProxy.url);
    url.username = 'ci';
    url.password = encodeURIComponent(PASSWORD);
    const result = await plan('HTTP_PROXY with credentials', { http_proxy: url.href });
    expect(result.code).toBe(0);
    expect(authProxy.tunnels.length).toBeGreaterThan(0);
    expect(authProxy.refused).toBe(0);
    expect(`${result.stdout}${result.stderr}`).not.toContain(PASSWORD);
    expect(`${result.stdout}${result.stderr}`).not.toContain(encodeURIComponent(PASSWORD));
  });

  it('the lower-case variable wins, as for curl', async () => {
    const result = await plan('http_proxy over HTTP_PROXY', {
      http_proxy: proxy.url,
      HTTP_PROXY: deadProxy,
    });
    expect(result.code).toBe(0);
  });

  it('NO_PROXY sends a listed host direct', async () => {
    const result = await plan('NO_PROXY=127.0.0.1 with a dead HTTP_PROXY', {
      HTTP_PROXY: deadProxy,
      NO_PROXY: '127.0.0.1',
    });
    expect(result.code).toBe(0);
  });

  it('HTTPS_PROXY is not used for an http:// URL (curl does the same)', async () => {
    const result = await plan('HTTPS_PROXY only, http origin', { HTTPS_PROXY: deadProxy });
    expect(result.code).toBe(0);
  });

  it('a proxy that is down fails fast with a hint that names it, and writes nothing', async () => {
    const result = await plan('HTTP_PROXY down', { HTTP_PROXY: deadProxy });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`through the proxy ${deadProxy} (from HTTP_PROXY)`);
    expect(result.stderr).toMatch(/NO_PROXY/);
    expect(result.seconds).toBeLessThan(30);
    expect(result.writes).toBe(0);
  });

  it('a proxy URL that is not a URL is a usage error that does not echo it', async () => {
    const result = await plan('HTTP_PROXY invalid', {
      HTTP_PROXY: `http://ci:${PASSWORD}@[not a host`,
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('HTTP_PROXY is not a valid proxy URL');
    expect(result.stderr).not.toContain(PASSWORD);
  });
});
