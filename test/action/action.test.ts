/**
 * The composite action (action.yml) run step by step as a GitHub runner would, against the
 * emulator: GITHUB_ACTION_PATH is a clean copy of this repository (its tracked and new files,
 * no node_modules, no dist), the cache is a folder, and npm works offline from the cache
 * `npm ci` filled (any request that would leave the machine fails at once).
 *
 * One job's worth of runs in order: a first install (builds, saves the cache, puts outplanctl
 * on PATH), a second job on a fresh copy of the same version (restores, never runs npm), then
 * commands with their outputs.
 */
import { execFile, execFileSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { REPO_ROOT } from '../helpers/run-cli.js';
import { childEnv, offlineNpmConfig } from '../package/npm-offline.js';
import { runCompositeAction, type ActionRun, type UsesHandler } from './composite-runner.js';

const execFileP = promisify(execFile);
const VERSION = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  }
).version;
const CONFIG = 'examples/multi-env/production';

/** The files a fresh clone would have: tracked ones plus new, not ignored ones, as they are now. */
function cleanCopy(to: string): void {
  const files = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 },
  )
    .toString()
    .split('\0')
    .filter((f) => f !== '' && existsSync(join(REPO_ROOT, f)));
  rmSync(to, { recursive: true, force: true });
  for (const f of files) {
    mkdirSync(dirname(join(to, f)), { recursive: true });
    cpSync(join(REPO_ROOT, f), join(to, f));
  }
}

/** actions/cache/restore and actions/cache/save over a folder: key -> copies of the paths. */
class FakeCache {
  readonly saves: string[] = [];
  constructor(private readonly dir: string) {}

  private entry(key: string, path: string): string {
    return join(this.dir, key, encodeURIComponent(path));
  }

  restore: UsesHandler = async ({ key, path }): Promise<Record<string, string>> => {
    if (!key || !existsSync(join(this.dir, key))) return { 'cache-hit': 'false' };
    for (const p of paths(path)) {
      if (!existsSync(this.entry(key, p))) continue;
      // Unpacking the cache archive overwrites what is there.
      rmSync(p, { recursive: true, force: true });
      cpSync(this.entry(key, p), p, { recursive: true, verbatimSymlinks: true });
    }
    return { 'cache-hit': 'true', 'cache-primary-key': key, 'cache-matched-key': key };
  };

  save: UsesHandler = async ({ key, path }) => {
    if (!key) throw new Error('actions/cache/save without a key');
    if (existsSync(join(this.dir, key))) throw new Error(`cache key ${key} saved twice`);
    for (const p of paths(path)) {
      if (existsSync(p)) cpSync(p, this.entry(key, p), { recursive: true, verbatimSymlinks: true });
    }
    this.saves.push(key);
    return {};
  };
}

const paths = (list: string | undefined) =>
  (list ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

describe('the composite action (action.yml)', () => {
  const root = mkdtempSync(join(tmpdir(), 'outplanctl-action-'));
  // Where the runner unpacks `uses: acme/outplanctl@v1`: one folder per action ref.
  const actionPath = join(root, '_actions', 'acme', 'outplanctl', 'v1');
  const workspace = join(root, 'workspace');
  const cache = new FakeCache(join(root, 'cache'));
  const setupNodeCalls: Record<string, string>[] = [];
  let emulator: RunningEmulator;
  let job = 0;
  let jobEnv: Record<string, string>;

  /** A new job: fresh RUNNER_TEMP and runner files, the job's environment. */
  function newJob(extra: Record<string, string> = {}): void {
    job += 1;
    const temp = join(root, `job-${job}`, 'runner-temp');
    mkdirSync(temp, { recursive: true });
    const file = (name: string) => {
      const p = join(root, `job-${job}`, name);
      writeFileSync(p, '');
      return p;
    };
    jobEnv = {
      ...childEnv(),
      ...offlineNpmConfig(),
      HOME: join(root, 'home'),
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_PATH: file('github-path'),
      GITHUB_ENV: file('github-env'),
      GITHUB_STEP_SUMMARY: file('step-summary.md'),
      RUNNER_TEMP: temp,
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      VOIPBIN_API_URL: emulator.baseUrl,
      VOIPBIN_ACCESSKEY: emulator.accessKeys[0]!,
      ...extra,
    };
  }

  const run = (inputs: Record<string, string>): Promise<ActionRun> =>
    runCompositeAction(actionPath, inputs, {
      env: jobEnv,
      workspace,
      stepTimeoutMs: 240_000,
      uses: {
        'actions/setup-node': async (w) => {
          setupNodeCalls.push(w);
          return { 'node-version': w['node-version'] ?? '' };
        },
        'actions/cache/restore': cache.restore,
        'actions/cache/save': cache.save,
      },
    });

  const step = (result: ActionRun, label: string) => {
    const found = result.steps.find((s) => s.label === label);
    if (!found) throw new Error(`no step ${label}`);
    return found;
  };

  /** `outplanctl` resolved through what the action wrote to GITHUB_PATH, as a later step would. */
  const onPath = async (args: string[]) => {
    const dirs = readFileSync(jobEnv.GITHUB_PATH!, 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    const nodeDir = dirname(process.execPath);
    return execFileP('outplanctl', args, {
      cwd: workspace,
      env: { PATH: [...dirs.reverse(), nodeDir, '/usr/bin', '/bin'].join(':'), NO_COLOR: '1' },
    });
  };

  beforeAll(async () => {
    emulator = await startEmulator();
    cleanCopy(actionPath);
    cpSync(join(REPO_ROOT, 'examples'), join(workspace, 'examples'), { recursive: true });
  });

  afterAll(async () => {
    await emulator?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('first run: builds outplanctl from its own files, caches it, and puts it on PATH', async () => {
    newJob();
    const result = await run({});
    expect(result.code, result.log).toBe(0);
    expect(step(result, 'Install outplanctl').outputs.built).toBe('true');
    expect(result.outputs.version).toBe(VERSION);
    expect(result.outputs['cache-hit']).toBe('false');
    expect(cache.saves).toHaveLength(1);
    expect(cache.saves[0]).toMatch(/^outplanctl-install-v1-Linux-X64-[0-9a-f]{24}$/);
    // The Node.js running this test satisfies the engines: nothing to set up.
    expect(setupNodeCalls).toEqual([]);
    // Development dependencies were only needed to build.
    expect(existsSync(join(actionPath, 'node_modules', 'typescript'))).toBe(false);
    expect((await onPath(['--version'])).stdout.trim()).toBe(VERSION);
  }, 300_000);

  it('cached run: a fresh copy of the same version restores the install and never runs npm', async () => {
    cleanCopy(actionPath);
    const fakeBin = join(root, 'no-npm');
    mkdirSync(fakeBin, { recursive: true });
    writeFileSync(join(fakeBin, 'npm'), '#!/bin/sh\necho "npm must not run here" >&2\nexit 99\n');
    chmodSync(join(fakeBin, 'npm'), 0o755);
    newJob({ PATH: `${fakeBin}:${process.env.PATH ?? ''}` });
    const result = await run({});
    expect(result.code, result.log).toBe(0);
    expect(result.outputs['cache-hit']).toBe('true');
    expect(step(result, 'Install outplanctl').outputs.built).toBe('false');
    expect(step(result, 'Save the install to the cache').skipped).toBe(true);
    expect(cache.saves).toHaveLength(1);
    expect((await onPath(['--version'])).stdout.trim()).toBe(VERSION);
  }, 120_000);

  it('plan: prints the plan, and reports exit-code 2 and has-changes true without failing', async () => {
    newJob();
    const result = await run({ command: 'plan', paths: CONFIG, args: '--format markdown' });
    expect(result.code, result.log).toBe(0);
    expect(result.outputs['exit-code']).toBe('2');
    expect(result.outputs['has-changes']).toBe('true');
    const plan = readFileSync(result.outputs['output-file']!, 'utf8');
    expect(plan).toContain('<!-- outplanctl:plan -->');
    expect(step(result, 'Run outplanctl').stdout).toContain('<!-- outplanctl:plan -->');
    expect(emulator.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  }, 120_000);

  it('plan with fail-on-changes: the step fails with exit 2', async () => {
    newJob();
    const result = await run({ command: 'plan', paths: CONFIG, 'fail-on-changes': 'true' });
    expect(result.code).toBe(2);
    expect(result.outputs['has-changes']).toBe('true');
    expect(step(result, 'Run outplanctl').stdout).toContain(
      '::error title=outplanctl::The plan has changes',
    );
  }, 120_000);

  it('apply --yes changes the account; the next plan has no changes (exit-code 0)', async () => {
    newJob();
    const applied = await run({ command: 'apply', paths: CONFIG, args: '--yes' });
    expect(applied.code, applied.log).toBe(0);
    expect(applied.outputs['exit-code']).toBe('0');
    expect(applied.outputs['has-changes']).toBe('');
    expect(emulator.store.listOutplans(emulator.accessKeys[0]!).length).toBeGreaterThan(0);

    const planned = await run({ command: 'plan', paths: CONFIG, 'fail-on-changes': 'true' });
    expect(planned.code, planned.log).toBe(0);
    expect(planned.outputs['exit-code']).toBe('0');
    expect(planned.outputs['has-changes']).toBe('false');
  }, 120_000);

  it('an invalid configuration fails the step with exit 3, named in exit-code', async () => {
    newJob();
    mkdirSync(join(workspace, 'broken'), { recursive: true });
    writeFileSync(join(workspace, 'broken', 'outplans.yaml'), 'outplans:\n  - name: 42\n');
    const result = await run({ command: 'validate', paths: 'broken' });
    expect(result.code).toBe(3);
    expect(result.outputs['exit-code']).toBe('3');
    expect(step(result, 'Run outplanctl').stdout + step(result, 'Run outplanctl').stderr).toMatch(
      /outplans\.yaml:2/,
    );
  }, 120_000);

  it('runs in working-directory, and takes several paths', async () => {
    newJob();
    const result = await run({
      command: 'validate',
      'working-directory': 'examples',
      paths: 'multi-env/production multi-env/staging',
    });
    expect(result.code, result.log).toBe(0);
    expect(result.outputs['exit-code']).toBe('0');
  }, 120_000);

  it('refuses a command line in `command` (arguments belong in args) with exit 3', async () => {
    newJob();
    const result = await run({ command: 'plan --prune', paths: CONFIG });
    expect(result.code).toBe(3);
    expect(step(result, 'Run outplanctl').stdout).toContain('put further arguments in args');
  }, 120_000);

  it('node-version asks setup-node for that version', async () => {
    newJob();
    const result = await run({ 'node-version': '22' });
    expect(result.code, result.log).toBe(0);
    expect(setupNodeCalls).toEqual([{ 'node-version': '22' }]);
  }, 120_000);

  it('changed source files make a new key: a stale install is never reused', async () => {
    const fakeBin = join(root, 'no-npm');
    writeFileSync(
      join(actionPath, 'src', 'cli', 'main.ts'),
      `${readFileSync(join(actionPath, 'src', 'cli', 'main.ts'), 'utf8')}\n// changed\n`,
    );
    newJob({ PATH: `${fakeBin}:${process.env.PATH ?? ''}` });
    const result = await run({});
    // A different key: no cache entry, so it must build, and npm (the fake) refuses.
    expect(result.outputs['cache-hit']).toBe('false');
    expect(result.code).toBe(99);
    expect(result.log).toContain('npm must not run here');
  }, 120_000);
});
