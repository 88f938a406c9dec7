import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configOf, outplan, startSession, type E2eSession } from '../helpers/e2e-session.js';
import { CLI_PATH, type CliRun } from '../helpers/run-cli.js';

/**
 * Config discovery never skips silently (issue 10): a directory walk follows symlinks,
 * reads any file name, and fails on a file it cannot read, so `apply --prune` never
 * deletes an outplan that an unread file declares. The account holds Alpha and Bravo;
 * every tree below declares Alpha in a plain file and Bravo in the file under test.
 */
describe('config discovery through apply --prune', () => {
  let s: E2eSession;
  let root = '';
  const alpha = configOf([outplan('Alpha')]);
  const bravo = configOf([outplan('Bravo')]);
  /** Not root: a chmod 000 file is unreadable only to someone else. */
  const runAsOther = process.getuid?.() === 0;

  beforeAll(async () => {
    s = await startSession();
    // Readable by the unprivileged user the unreadable-file case runs as.
    root = mkdtempSync(join(tmpdir(), 'outplanctl-discovery-'));
    chmodSync(root, 0o755);
    mkdirSync(join(root, 'shared'));
    writeFileSync(join(root, 'shared/bravo.yaml'), bravo);
    writeFileSync(join(root, 'both.yaml'), `${alpha}${bravo.split('outplans:\n')[1]}`);
    const seed = await cli(['apply', join(root, 'both.yaml'), '--yes']);
    expect(seed.code, seed.stderr).toBe(0);
    expect(
      s
        .liveRows()
        .map((o) => o.name)
        .sort(),
    ).toEqual(['Alpha', 'Bravo']);
  });
  afterAll(async () => {
    await s.close();
    rmSync(root, { recursive: true, force: true });
  });

  function tree(name: string, build: (dir: string) => void): string {
    const dir = join(root, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'alpha.yaml'), alpha);
    build(dir);
    return dir;
  }

  /** The built CLI against the emulator; as another user when `asOther` and we are root. */
  function cli(args: readonly string[], asOther = false): Promise<CliRun> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI_PATH, ...args], {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          NO_COLOR: '1',
          VOIPBIN_API_URL: s.emulator.baseUrl,
          VOIPBIN_ACCESSKEY: s.key,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        ...(asOther && runAsOther ? { uid: 65534, gid: 65534 } : {}),
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
  }

  async function prune(dir: string, asOther = false): Promise<CliRun> {
    s.emulator.resetRequestLog();
    return cli(['apply', dir, '--prune', '--yes'], asOther);
  }

  function expectNothingWritten(run: CliRun): void {
    expect(s.writes()).toEqual([]);
    expect(
      s
        .liveRows()
        .map((o) => o.name)
        .sort(),
    ).toEqual(['Alpha', 'Bravo']);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/delete "Bravo"/);
  }

  it('follows a symlinked directory: its outplans are declared, nothing is deleted', async () => {
    const dir = tree('linked-dir', (d) => symlinkSync('../shared', join(d, 'more')));
    const run = await prune(dir);
    expect(run.code, run.stderr).toBe(0);
    expectNothingWritten(run);
    const validate = await cli(['validate', dir]);
    expect(validate.stdout).toContain('Valid: 2 outplans in 2 files');
  });

  it('follows a symlinked file', async () => {
    const dir = tree('linked-file', (d) =>
      symlinkSync('../shared/bravo.yaml', join(d, 'bravo.yaml')),
    );
    const run = await prune(dir);
    expect(run.code, run.stderr).toBe(0);
    expectNothingWritten(run);
  });

  it('a symlink cycle is an error (exit 3), not a hang or a silent skip', async () => {
    const dir = tree('cycle', (d) => {
      writeFileSync(join(d, 'bravo.yaml'), bravo);
      mkdirSync(join(d, 'sub'));
      symlinkSync('..', join(d, 'sub/loop'));
    });
    const run = await prune(dir);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('cycle/sub/loop: symbolic link cycle');
    expectNothingWritten(run);
  });

  it('reads a file whose name is not valid UTF-8, and names it with escapes', async () => {
    const dir = tree('latin1', (d) => {
      const name = Buffer.concat([
        Buffer.from(`${d}/caf`),
        Buffer.from([0xe9]),
        Buffer.from('.yaml'),
      ]);
      writeFileSync(name, bravo);
    });
    const run = await prune(dir);
    expect(run.code, run.stderr).toBe(0);
    expectNothingWritten(run);
    const validate = await cli(['validate', dir, '--format', 'json']);
    expect(JSON.parse(validate.stdout)).toMatchObject({
      valid: true,
      files: [
        expect.stringMatching(/latin1\/alpha\.yaml$/),
        expect.stringMatching(/latin1\/caf\\xE9\.yaml$/),
      ],
    });
  });

  it('a file that cannot be read is an error (exit 3)', async () => {
    const dir = tree('unreadable', (d) => {
      writeFileSync(join(d, 'bravo.yaml'), bravo);
      chmodSync(join(d, 'bravo.yaml'), 0o000);
    });
    const run = await prune(dir, true);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain('unreadable/bravo.yaml:1:1: error: permission denied');
    expectNothingWritten(run);
  });

  it('a symlink to nothing named like a config file is an error (exit 3)', async () => {
    const dir = tree('dangling', (d) => symlinkSync('gone.yaml', join(d, 'bravo.yaml')));
    const run = await prune(dir);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('dangling/bravo.yaml: cannot read (a symbolic link to nothing)');
    expectNothingWritten(run);
  });

  it('a named pipe in the directory is an error at once (exit 3), not a hang', async () => {
    const dir = tree('fifo', (d) => execFileSync('mkfifo', [join(d, 'bravo.yaml')]));
    const started = Date.now();
    const run = await prune(dir);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('fifo/bravo.yaml: not a regular file (a named pipe)');
    expectNothingWritten(run);
  });
});
