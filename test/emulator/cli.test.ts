/**
 * `outplanctl emulator` as a user runs it: the built CLI in a child process (run
 * `npm run build` first). It prints its URL and keys, serves, and exits 0 on SIGTERM.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_PATH, REPO_ROOT, runBuiltCli } from '../helpers/run-cli.js';

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

interface Started {
  child: ChildProcessWithoutNullStreams;
  url: string;
  keys: string[];
  stderr: () => string;
  exit: Promise<number | null>;
}

/** Starts the emulator and resolves once stdout has the url line and every accesskey line. */
function startCli(args: string[], expectedKeys = 1): Promise<Started> {
  const child = spawn(process.execPath, [CLI_PATH, 'emulator', ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const url = /^url: (\S+)$/m.exec(stdout)?.[1];
      const keys = [...stdout.matchAll(/^accesskey: (\S+)$/gm)].map((m) => m[1]!);
      if (url && keys.length >= expectedKeys)
        resolve({ child, url, keys, stderr: () => stderr, exit });
    });
    void exit.then((code) => reject(new Error(`exited ${code} before starting: ${stderr}`)));
  });
}

describe('outplanctl emulator', () => {
  it('prints url and accesskey lines, serves, and exits 0 on SIGTERM', async () => {
    const emu = await startCli([]);
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\.0$/);
    expect(emu.keys[0]).toMatch(/^vb_[0-9a-f]{40}$/);
    const created = await fetch(`${emu.url}/outplans?accesskey=${emu.keys[0]}`, {
      method: 'POST',
      body: JSON.stringify({ name: 'from-cli' }),
    });
    expect(created.status).toBe(200);
    emu.child.kill('SIGTERM');
    expect(await emu.exit).toBe(0);
    expect(emu.stderr()).toContain('Emulator stopped');
  });

  it('accepts several --accesskey customers, --latency, --rate-limit, --faults and --seed', async () => {
    const emu = await startCli(
      [
        '--accesskey',
        'vb_one',
        '--accesskey',
        'vb_two',
        '--latency',
        '5ms',
        '--rate-limit',
        '50',
        '--faults',
        'GET /campaigns=503:1',
        '--seed',
        '7',
      ],
      2,
    );
    expect(emu.keys).toEqual(['vb_one', 'vb_two']);
    expect((await fetch(`${emu.url}/outplans?accesskey=vb_two`)).status).toBe(200);
    expect((await fetch(`${emu.url}/campaigns?accesskey=vb_one`)).status).toBe(503);
    emu.child.kill('SIGINT');
    expect(await emu.exit).toBe(0);
  });

  it('--state keeps data across a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'outplanctl-emu-cli-'));
    try {
      const state = join(dir, 'state.json');
      const first = await startCli(['--accesskey', 'vb_keep', '--state', state]);
      await fetch(`${first.url}/outplans?accesskey=vb_keep`, {
        method: 'POST',
        body: '{"name":"kept"}',
      });
      first.child.kill('SIGTERM');
      expect(await first.exit).toBe(0);
      expect(await readFile(state, 'utf8')).not.toContain('vb_keep');

      const second = await startCli(['--accesskey', 'vb_keep', '--state', state]);
      const list = (await (await fetch(`${second.url}/outplans?accesskey=vb_keep`)).json()) as {
        result: Array<{ name: string }>;
      };
      expect(list.result.map((r) => r.name)).toEqual(['kept']);
      second.child.kill('SIGTERM');
      expect(await second.exit).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('--read-lag hides a just-created outplan from list pages', async () => {
    const emu = await startCli(['--accesskey', 'vb_lag', '--read-lag', '1m']);
    const created = await fetch(`${emu.url}/outplans?accesskey=vb_lag`, {
      method: 'POST',
      body: '{"name":"not yet"}',
    });
    const { id } = (await created.json()) as { id: string };
    const list = (await (await fetch(`${emu.url}/outplans?accesskey=vb_lag`)).json()) as {
      result: unknown[];
    };
    expect(list.result).toEqual([]);
    expect((await fetch(`${emu.url}/outplans/${id}?accesskey=vb_lag`)).status).toBe(200);
    emu.child.kill('SIGTERM');
    expect(await emu.exit).toBe(0);
  });

  it('--number seeds the account numbers GET /numbers lists', async () => {
    const emu = await startCli(
      [
        '--accesskey',
        'vb_one',
        '--accesskey',
        'vb_two',
        '--number',
        '+15559876543',
        '--number',
        '+15550001111:port_pending',
        '--number',
        '+899123456789:virtual',
        '--number',
        '+15550002222@2',
      ],
      2,
    );
    const list = async (key: string) =>
      (
        (await (await fetch(`${emu.url}/numbers?accesskey=${key}`)).json()) as {
          result: Array<{ number: string; status: string; type: string }>;
        }
      ).result.map((n) => `${n.number} ${n.status} ${n.type}`);
    expect(await list('vb_one')).toEqual([
      '+899123456789 active virtual',
      '+15550001111 port_pending normal',
      '+15559876543 active normal',
    ]);
    expect(await list('vb_two')).toEqual(['+15550002222 active normal']);
    emu.child.kill('SIGTERM');
    expect(await emu.exit).toBe(0);
  });

  it.each(['::1', '::ffff:127.0.0.1'])('--host %s is loopback: no warning', async (host) => {
    const emu = await startCli(['--host', host]);
    expect(emu.url).toContain(`[${host}]`);
    // The human line comes after any warning, just before the signal handlers are set.
    while (!emu.stderr().includes('VoIPBIN emulator at'))
      await new Promise((r) => setTimeout(r, 20));
    emu.child.kill('SIGTERM');
    expect(await emu.exit).toBe(0);
    expect(emu.stderr()).toContain('VoIPBIN emulator at');
    expect(emu.stderr()).not.toContain('Warning');
  });

  it.each([
    [['--read-lag', 'soon'], /--read-lag/],
    [['--port', 'abc'], /--port/],
    [['--port', '70000'], /--port/],
    [['--latency', 'fast'], /--latency/],
    [['--rate-limit', '0'], /--rate-limit/],
    [['--rate-limit', 'lots'], /--rate-limit/],
    [['--seed', '-1'], /--seed/],
    [['--faults', 'POST /outplans=explode:1'], /--faults.*explode/],
    [['--accesskey', 'vb_same', '--accesskey', 'vb_same'], /twice/],
    [['--number', '5551234567'], /--number: "5551234567" does not start with an E\.164/],
    [['--number', '+15551234567:deleted'], /--number: .*never listed/],
    [['--number', '+15551234567@2'], /--number: .*only 1 customer/],
  ])('refuses %j with exit 3 and a clear message', async (args, message) => {
    const run = await runBuiltCli(['emulator', ...args]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('refuses a corrupt state file with exit 3', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'outplanctl-emu-cli-'));
    try {
      const state = join(dir, 'state.json');
      await import('node:fs/promises').then((fs) => fs.writeFile(state, 'garbage'));
      const run = await runBuiltCli(['emulator', '--state', state]);
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/state file .* is not valid/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('documents the fault and --number syntax in --help', async () => {
    const run = await runBuiltCli(['emulator', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('TARGET=KIND:PROBABILITY[:TIMES]');
    expect(run.stdout).toContain('commit-then-fail');
    expect(run.stdout).toContain('E164[:STATUS][:virtual][@CUSTOMER]');
    for (const kind of ['silent', 'trickle', 'huge', 'echo-url', 'page-cycle', 'page-repeat'])
      expect(run.stdout).toContain(kind);
  });
});
