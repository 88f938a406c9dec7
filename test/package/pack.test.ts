/**
 * The package a user installs: `npm pack` the project as it stands (dist/ must be built),
 * install the tarball into an empty folder as a user would, and run the installed binary.
 * Without the internet: npm resolves the runtime dependencies from a registry on loopback
 * that serves the locked versions (local-registry.ts); anything else fails at once.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PATH, REPO_ROOT } from '../helpers/run-cli.js';
import { startLocalRegistry, npmWithRegistry, type LocalRegistry } from './local-registry.js';
import { childEnv, npmOffline } from './npm-offline.js';

const execFileP = promisify(execFile);

/** The example a newcomer copies first; it must validate on its own. */
const EXAMPLE = 'examples/strategies/sales-standard.yaml';
const SCHEMA = 'schemas/outplans.schema.json';

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

describe('npm pack: the published package installs and runs', () => {
  const root = mkdtempSync(join(tmpdir(), 'outplanctl-pack-'));
  const consumer = join(root, 'consumer');
  const bin = join(consumer, 'node_modules', '.bin', 'outplanctl');
  let pack: PackResult;
  let registry: LocalRegistry | undefined;

  beforeAll(async () => {
    if (!existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} is missing: run \`npm run build\`.`);
    // --ignore-scripts: dist/ is already built; re-running `prepare` here would rewrite
    // dist/ under the other tests' feet.
    const { stdout } = await npmOffline(
      ['pack', '--ignore-scripts', '--json', '--pack-destination', root],
      REPO_ROOT,
    );
    pack = (JSON.parse(stdout) as PackResult[])[0]!;
    mkdirSync(consumer);
    registry = await startLocalRegistry(REPO_ROOT);
    await npmWithRegistry(registry, ['init', '-y'], consumer);
    await npmWithRegistry(registry, ['install', join(root, pack.filename)], consumer).catch(
      (error: Error) => {
        throw new Error(
          `Installing the tarball from the loopback registry failed (run \`npm ci\` first: it serves node_modules/):\n${error.message}`,
        );
      },
    );
  }, 120_000);

  afterAll(async () => {
    await registry?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('installs its runtime dependencies from the registry, every one of them', () => {
    for (const name of registry!.packages) {
      expect(existsSync(join(consumer, 'node_modules', name, 'package.json')), name).toBe(true);
      expect(registry!.requests, name).toContain(`/${name}`);
    }
  });

  it('ships the CLI, the schema, the README and the licence, and nothing from the source tree', () => {
    const paths = pack.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'dist/cli/main.js', SCHEMA]),
    );
    expect(paths.filter((p) => p === 'action.yml' || p.startsWith('examples/'))).toEqual([]);
    expect(paths.filter((p) => /^(src|test|scripts|\.github|node_modules)\//.test(p))).toEqual([]);
    expect(paths.filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts'))).toEqual([]);
  });

  it('installs the schema as valid JSON', () => {
    const schema = join(consumer, 'node_modules', 'outplanctl', SCHEMA);
    expect(() => JSON.parse(readFileSync(schema, 'utf8')) as unknown).not.toThrow();
  });

  it('`outplanctl --version` prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    const { stdout } = await execFileP(bin, ['--version'], { cwd: consumer, env: childEnv() });
    expect(stdout.trim()).toBe(version);
  });

  it('`outplanctl validate` accepts a copied example', async () => {
    cpSync(join(REPO_ROOT, EXAMPLE), join(consumer, 'outplans.yaml'));
    const result = await execFileP(bin, ['validate', 'outplans.yaml'], {
      cwd: consumer,
      env: childEnv(),
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  });
});
