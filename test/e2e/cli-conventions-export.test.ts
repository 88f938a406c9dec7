import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession, type E2eSession } from '../helpers/e2e-session.js';
import { REPO_ROOT, type CliRun } from '../helpers/run-cli.js';

const MODELINE = /^# yaml-language-server: \$schema=(\S+)\n/;

function modelineOf(yaml: string): string {
  const match = MODELINE.exec(yaml);
  if (match === null) throw new Error(`no modeline in:\n${yaml.slice(0, 200)}`);
  return match[1]!;
}

function run(cli: string, args: string[], cwd: string, env: Record<string, string>) {
  return new Promise<CliRun>((done, fail) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

// `export` writes a modeline that resolves from where the file lands.
describe('export schema modeline (built CLI)', () => {
  let s: E2eSession;
  let env: Record<string, string>;

  beforeAll(async () => {
    s = await startSession();
    env = { VOIPBIN_API_URL: s.emulator.baseUrl, VOIPBIN_ACCESSKEY: s.key };
    s.emulator.store.seedOutplans(s.key, [
      {
        name: 'Sales',
        source: { type: 'tel', target: '+15559876543' },
        dial_timeout: 30_000,
        try_interval: 7_200_000,
        max_try_count_0: 3,
      },
    ]);
  });
  afterAll(async () => {
    await s.close();
  });

  describe('installed as a dependency of a config repository', () => {
    // The layout `npm install outplanctl` produces: the package's files under
    // node_modules/outplanctl, its dependencies beside it (linked from this clone).
    const repo = mkdtempSync(join(tmpdir(), 'outplanctl-config-repo-'));
    const installed = join(repo, 'node_modules', 'outplanctl');
    const cli = join(installed, 'dist', 'cli', 'main.js');

    beforeAll(() => {
      for (const part of ['dist', 'schemas', 'package.json']) {
        cpSync(join(REPO_ROOT, part), join(installed, part), { recursive: true });
      }
      for (const entry of readdirSync(join(REPO_ROOT, 'node_modules'))) {
        if (entry.startsWith('.') || entry === 'outplanctl') continue;
        symlinkSync(join(REPO_ROOT, 'node_modules', entry), join(repo, 'node_modules', entry));
      }
      mkdirSync(join(repo, 'outplans'));
    });
    afterAll(() => rmSync(repo, { recursive: true, force: true }));

    it('--out outplans/live.yaml points through node_modules, relative to outplans/', async () => {
      const exported = await run(cli, ['export', '--out', 'outplans/live.yaml'], repo, env);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stderr).not.toContain('warning');
      const ref = modelineOf(readFileSync(join(repo, 'outplans', 'live.yaml'), 'utf8'));
      expect(ref).toBe('../node_modules/outplanctl/schemas/outplans.schema.json');
      expect(existsSync(resolve(repo, 'outplans', ref))).toBe(true);
      // And the file it wrote is the config the other commands read by default.
      const validate = await run(cli, ['validate'], repo, env);
      expect(validate).toMatchObject({
        code: 0,
        stdout: 'Valid: 1 outplan in 1 file, 0 warnings.\n',
      });
    });

    it('deeper folders get a longer relative path that still resolves', async () => {
      mkdirSync(join(repo, 'envs', 'prod', 'outplans'), { recursive: true });
      const out = 'envs/prod/outplans/live.yaml';
      const exported = await run(cli, ['export', '--out', out], repo, env);
      expect(exported.code, exported.stderr).toBe(0);
      const ref = modelineOf(readFileSync(join(repo, out), 'utf8'));
      expect(ref).toBe('../../../node_modules/outplanctl/schemas/outplans.schema.json');
      expect(existsSync(resolve(dirname(join(repo, out)), ref))).toBe(true);
    });

    it('on stdout the modeline is relative to the current directory', async () => {
      const atRoot = await run(cli, ['export'], repo, env);
      expect(atRoot.code, atRoot.stderr).toBe(0);
      expect(modelineOf(atRoot.stdout)).toBe(
        './node_modules/outplanctl/schemas/outplans.schema.json',
      );
      const inOutplans = await run(cli, ['export'], join(repo, 'outplans'), env);
      expect(modelineOf(inOutplans.stdout)).toBe(
        '../node_modules/outplanctl/schemas/outplans.schema.json',
      );
    });
  });

  it('run from a clone into a folder outside it: resolves here, and says what to commit', async () => {
    s.write('outplans/.keep', '');
    const exported = await s.run(['export', '--out', 'outplans/live.yaml']);
    expect(exported.code, exported.stderr).toBe(0);
    const ref = modelineOf(s.read('outplans/live.yaml'));
    expect(resolve(s.dir, 'outplans', ref)).toBe(
      join(REPO_ROOT, 'schemas', 'outplans.schema.json'),
    );
    expect(exported.stderr).toContain('resolves only on this machine');
    expect(exported.stderr).toContain(
      '$schema=../node_modules/outplanctl/schemas/outplans.schema.json',
    );
  });
});
