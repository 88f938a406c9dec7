/**
 * Runs npm the way the package and action tests need it: offline, and unable to reach a
 * registry even by mistake.
 *
 * `offline` makes npm answer every fetch from its cache (`only-if-cached`), and the proxy
 * settings point any request that would still leave at a closed loopback port, so it fails in
 * milliseconds instead of quietly reaching the internet. The cache keeps its usual place:
 * `npm ci` in this checkout filled it with exactly the locked packages and their abbreviated
 * registry documents (package-lock.json records no `resolved` URLs) — enough for `npm pack`
 * and for `npm ci` of a lockfile, not for `npm install`, which asks for full documents: the
 * tests that install a tarball use local-registry.ts instead.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

/** A port nothing listens on (discard): connections are refused at once. */
const BLACKHOLE = 'http://127.0.0.1:9';

/**
 * The environment for a child npm: the user's variables minus npm's own from an enclosing
 * `npm test` (npm_config_local_prefix, npm_package_*… would point the nested npm at this
 * repository) and minus any VoIPBIN credentials.
 */
export function childEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (/^npm_/i.test(k) && !/^npm_config_(cache|userconfig)$/i.test(k)) continue;
    if (k.startsWith('VOIPBIN_')) continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: '1', NO_UPDATE_NOTIFIER: '1' };
}

let cacheDir: string | undefined;

/** npm's cache folder as this user's configuration has it. */
export function npmCacheDir(): string {
  cacheDir ??= execFileSync('npm', ['config', 'get', 'cache'], { env: childEnv() })
    .toString()
    .trim();
  return cacheDir;
}

/**
 * Any request npm would send goes to a closed port and fails at once (no retries), and npm
 * asks no registry about audits, funding or its own updates.
 */
export const NETWORK_PROOF_NPM: Readonly<Record<string, string>> = {
  npm_config_proxy: BLACKHOLE,
  npm_config_https_proxy: BLACKHOLE,
  npm_config_fetch_retries: '0',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

/** Variables that make any npm run offline-only and network-proof (see the file comment). */
export function offlineNpmConfig(): Record<string, string> {
  return { ...NETWORK_PROOF_NPM, npm_config_cache: npmCacheDir(), npm_config_offline: 'true' };
}

export const npmOffline = (args: string[], cwd: string) =>
  execFileP('npm', args, {
    cwd,
    env: { ...childEnv(), ...offlineNpmConfig() },
    maxBuffer: 32 * 1024 * 1024,
  });
