/**
 * A package registry on loopback that serves exactly the project's locked runtime
 * dependencies, so tests can run `npm install <tarball>` as a user would without the
 * internet and without depending on what the machine's npm cache happens to hold.
 *
 * Why not the npm cache: `npm install` (npm ≥ 11) asks for *full* registry documents to
 * resolve ranges, while `npm ci` of a lockfile only caches the abbreviated ones, so on a
 * fresh machine an offline `npm install` fails even right after `npm ci`. Here each
 * package is the folder `npm ci` installed under node_modules/ (the version the lockfile
 * pins), packed with `tar`, and described by a one-version document whose integrity is
 * the tarball's own.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { NETWORK_PROOF_NPM, childEnv } from './npm-offline.js';

const execFileP = promisify(execFile);

interface LockEntry {
  version?: string;
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
}

export interface LocalRegistry {
  readonly url: string;
  /** Names of the packages it serves. */
  readonly packages: readonly string[];
  /** Registry paths requested, in order (e.g. `/ajv`, `/ajv/-/ajv-8.20.0.tgz`). */
  readonly requests: readonly string[];
  /** npm settings that use only this registry, a fresh cache and no proxy to anywhere else. */
  npmConfig(): Record<string, string>;
  close(): Promise<void>;
}

interface Served {
  readonly document: Buffer;
  readonly tarballName: string;
  readonly tarball: Buffer;
}

/** The runtime (non-dev) packages of the lockfile, each installed at the top level. */
function runtimePackages(repoRoot: string): { name: string; version: string }[] {
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const out: { name: string; version: string }[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.dev || entry.devOptional) continue;
    const name = path.replace(/^node_modules\//, '');
    if (name.includes('node_modules/')) {
      throw new Error(`local registry: nested runtime package ${path} is not supported`);
    }
    out.push({ name, version: entry.version ?? '' });
  }
  return out;
}

async function packFolder(folder: string, into: string): Promise<Buffer> {
  // npm expects the files under `package/` in the tarball.
  await execFileP('tar', [
    '-czf',
    into,
    '--transform',
    's,^\\.,package,',
    '--owner=0',
    '--group=0',
    '-C',
    folder,
    '.',
  ]);
  return readFileSync(into);
}

export async function startLocalRegistry(repoRoot: string): Promise<LocalRegistry> {
  const work = mkdtempSync(join(tmpdir(), 'outplanctl-registry-'));
  const served = new Map<string, Served>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    requests.push(path);
    const [, name, dash, file] = /^\/([^/]+)(?:\/(-)\/([^/]+))?$/.exec(path) ?? [];
    const entry = name === undefined ? undefined : served.get(name);
    if (entry && !dash) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(entry.document);
    } else if (entry && file === entry.tarballName) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(entry.tarball);
    } else {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  for (const { name, version } of runtimePackages(repoRoot)) {
    const folder = join(repoRoot, 'node_modules', name);
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    if (manifest.version !== version) {
      throw new Error(
        `local registry: node_modules/${name} is ${String(manifest.version)}, the lockfile says ${version}; run \`npm ci\``,
      );
    }
    const tarballName = `${name}-${version}.tgz`;
    const tarball = await packFolder(folder, join(work, tarballName));
    const dist = {
      tarball: `${url}/${name}/-/${tarballName}`,
      integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
      shasum: createHash('sha1').update(tarball).digest('hex'),
    };
    const document = {
      name,
      'dist-tags': { latest: version },
      versions: { [version]: { ...manifest, name, version, dist } },
      time: { [version]: '2026-01-01T00:00:00.000Z' },
    };
    served.set(name, { document: Buffer.from(JSON.stringify(document)), tarballName, tarball });
  }

  return {
    url,
    packages: [...served.keys()],
    requests,
    npmConfig: () => ({
      // Anything that is not this registry goes to a closed port and fails at once.
      ...NETWORK_PROOF_NPM,
      npm_config_noproxy: '127.0.0.1',
      npm_config_registry: `${url}/`,
      npm_config_cache: join(work, 'npm-cache'),
      npm_config_offline: 'false',
    }),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** Runs npm against a local registry (see startLocalRegistry). */
export const npmWithRegistry = (registry: LocalRegistry, args: string[], cwd: string) =>
  execFileP('npm', args, {
    cwd,
    env: { ...childEnv(), ...registry.npmConfig() },
    maxBuffer: 32 * 1024 * 1024,
  });
