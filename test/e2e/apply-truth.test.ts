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

  it('a duplicate created by someone else while apply runs: exit 1, named, with what to run next', async () => {
    s = await startSession();
    s.write('outplans.yaml', configOf(['A', 'B', 'C'].map((n) => outplan(n))));
    // Another apply of the same config creates "A" in the same instant this one does.
    let raced = false;
    s.emulator.store.onChange(() => {
      if (raced || !s.liveRows().some((o) => o.name === 'A')) return;
      raced = true;
      s.emulator.store.seedOutplans(s.key, [{ name: 'A', try_interval: 7_200_000 }]);
    });
    const run = await s.run(['apply', 'outplans.yaml', '--yes', '--report', 'audit.json']);
    expect(raced).toBe(true);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('does not match the plan after applying');
    expect(run.stderr).toMatch(/"A" is held by 2 live outplans/);
    expect(run.stderr).toContain('Run `outplanctl plan`');
    expect(JSON.parse(s.read('audit.json')) as Audit).toMatchObject({
      outcome: 'not-converged',
      converged: false,
    });
  }, 60_000);

  it('two applies started together never both claim success when they left duplicates', async () => {
    // Read lag: a run's plan does not see creates younger than 4 s, as on the real service.
    s = await startSession({ readLagMs: 4_000 });
    s.write('outplans.yaml', configOf(['A', 'B', 'C'].map((n) => outplan(n))));
    const runs = await Promise.all([
      s.run(['apply', 'outplans.yaml', '--yes']),
      s.run(['apply', 'outplans.yaml', '--yes']),
    ]);
    const live = s.liveRows().length;
    // However the two interleave: duplicates left behind mean at least one run exits 1
    // (the later one's closing check sees the earlier one's creates); none means both 0.
    if (live > 3) expect(runs.map((r) => r.code)).toContain(1);
    else expect(runs.map((r) => r.code)).toEqual([0, 0]);
    for (const run of runs) {
      if (run.code === 1) expect(run.stderr).toMatch(/is held by 2 live outplans/);
    }
  }, 60_000);

  it('says what it waits for when the listing lags the writes, then verifies (exit 0)', async () => {
    s = await startSession({ readLagMs: 5_000 });
    s.write('outplans.yaml', configOf([outplan('Alpha')]));
    const run = await s.run(['apply', 'outplans.yaml', '--yes', '--report', 'audit.json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Waiting 4 s for the listing to show this run's changes/);
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
