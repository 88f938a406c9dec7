import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configOf, outplan, startSession, type E2eSession } from '../helpers/e2e-session.js';

interface Audit {
  outcome: string;
  converged: boolean | null;
}

// The built CLI against the emulator: apply's exit code and report say what the account is.
describe('apply tells the truth', () => {
  let s: E2eSession;
  afterEach(async () => {
    await s.close();
  });

  it('two applies racing each other both exit 1, name the duplicates and what to run next', async () => {
    // Read lag: neither run's plan sees the other's creates, as on the real service. Its
    // closing check (after 1 s, 3 s, 7 s) sees its own creates only at 7 s, and by then the
    // other run's too (unless the two started more than 3 s apart).
    s = await startSession({ readLagMs: 4_000 });
    s.write('outplans.yaml', configOf(['A', 'B', 'C'].map((n) => outplan(n))));
    const [one, two] = await Promise.all([
      s.run(['apply', 'outplans.yaml', '--yes', '--report', 'one.json']),
      s.run(['apply', 'outplans.yaml', '--yes', '--report', 'two.json']),
    ]);
    expect(s.liveRows()).toHaveLength(6);
    for (const [run, file] of [
      [one, 'one.json'],
      [two, 'two.json'],
    ] as const) {
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('does not match the plan after applying');
      expect(run.stderr).toMatch(/"A" is held by 2 live outplans/);
      expect(run.stderr).toContain('Run `outplanctl plan`');
      const audit = JSON.parse(s.read(file)) as Audit;
      expect(audit).toMatchObject({ outcome: 'not-converged', converged: false });
    }
  }, 60_000);

  it('says what it waits for when the listing lags the writes, then verifies (exit 0)', async () => {
    s = await startSession({ readLagMs: 5_000 });
    s.write('outplans.yaml', configOf([outplan('Alpha')]));
    const run = await s.run(['apply', 'outplans.yaml', '--yes', '--report', 'audit.json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/waiting 4 s: the live account does not match yet/);
    expect(run.stderr).toContain('Verified: the live account now matches.');
    expect((JSON.parse(s.read('audit.json')) as Audit).outcome).toBe('succeeded');
  }, 60_000);

  it.each([
    ['apply', ['apply', 'outplans.yaml', '--yes', '--report']],
    ['plan', ['plan', 'outplans.yaml', '--out']],
  ])(
    '%s refuses a FIFO or a directory as its output file, before any request',
    async (_label, args) => {
      s = await startSession();
      s.write('outplans.yaml', configOf([outplan('Alpha')]));
      execFileSync('mkfifo', [join(s.dir, 'fifo')]);
      const fifo = await s.run([...args, 'fifo']);
      expect(fifo.code).toBe(3);
      expect(fifo.stderr).toContain('a named pipe, not a regular file');
      s.write('dir/keep', '');
      const dir = await s.run([...args, 'dir']);
      expect(dir.code).toBe(3);
      expect(dir.stderr).toContain('a directory, not a regular file');
      expect(s.emulator.requests).toEqual([]);
    },
    30_000,
  );

  it('replaces an existing output file whole, leaving no temporary file', async () => {
    s = await startSession();
    s.write('outplans.yaml', configOf([outplan('Alpha')]));
    s.write('plan.json', 'x'.repeat(100_000));
    const run = await s.run(['plan', 'outplans.yaml', '--out', 'plan.json']);
    expect(run.code).toBe(0);
    expect(() => JSON.parse(s.read('plan.json')) as unknown).not.toThrow();
    expect(readdirSync(s.dir).sort()).toEqual(['outplans.yaml', 'plan.json']);
    expect(statSync(join(s.dir, 'plan.json')).isFile()).toBe(true);
  });
});
