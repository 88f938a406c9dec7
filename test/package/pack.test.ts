/**
 * The package a user installs: `npm pack` the project as it stands (dist/ must be built),
 * install the tarball into an empty folder as a user would, and run the installed binary.
 * Runtime dependencies come from the npm cache (`--prefer-offline`) or the registry.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PATH, REPO_ROOT } from '../helpers/run-cli.js';

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

/**
 * npm's own variables from an enclosing `npm test` (npm_config_local_prefix, npm_package_*…)
 * would point the nested npm at this repository; keep only the user's npm configuration.
 */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) && !/^npm_config_(cache|registry|userconfig)$/i.test(k)) continue;
    if (k.startsWith('VOIPBIN_')) continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: '1', NO_UPDATE_NOTIFIER: '1' };
}

const npm = (args: string[], cwd: string) =>
  execFileP('npm', args, { cwd, env: childEnv(), maxBuffer: 32 * 1024 * 1024 });

describe('npm pack: the published package installs and runs', () => {
  const root = mkdtempSync(join(tmpdir(), 'outplanctl-pack-'));
  const consumer = join(root, 'consumer');
  const bin = join(consumer, 'node_modules', '.bin', 'outplanctl');
  let pack: PackResult;

  beforeAll(async () => {
    if (!existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} is missing: run \`npm run build\`.`);
    // --ignore-scripts: dist/ is already built; re-running `prepare` here would rewrite
    // dist/ under the other tests' feet.
    const { stdout } = await npm(
      ['pack', '--ignore-scripts', '--json', '--pack-destination', root],
      REPO_ROOT,
    );
    pack = (JSON.parse(stdout) as PackResult[])[0]!;
    mkdirSync(consumer);
    await npm(['init', '-y'], consumer);
    await npm(
      ['install', '--no-audit', '--no-fund', '--prefer-offline', join(root, pack.filename)],
      consumer,
    );
  }, 120_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('ships the CLI, the schema and the README, and nothing from the source tree', () => {
    const paths = pack.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'dist/cli/main.js', SCHEMA]),
    );
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
