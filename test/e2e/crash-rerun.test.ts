import { afterEach, describe, expect, it } from 'vitest';
import { configOf, outplan, startSession, type E2eSession } from '../helpers/e2e-session.js';

/** The rows a run leaves when it is killed right after its POSTs were answered. */
function leftByCrashedRun(name: string) {
  return {
    name,
    detail: `${name} strategy`,
    source: { type: 'tel', target: '+15559876543' },
    dial_timeout: 30_000,
    try_interval: 7_200_000,
    max_try_count_0: 3,
    max_try_count_1: 2,
  };
}

// A crash, then an immediate re-run while VoIPBIN's list reads still lag the crashed run's
// writes: the re-run cannot see them and creates again. It must not claim success, and the
// way out must be one documented command, not hand-pinned ids.
describe('crash, then re-run under read lag', () => {
  let s: E2eSession;
  afterEach(async () => {
    await s.close();
  });

  it('the re-run exits 1 naming the duplicates; plan says how to repair; apply --prune repairs', async () => {
    s = await startSession({ readLagMs: 3_000 });
    s.write('outplans.yaml', configOf(['Alpha', 'Bravo'].map((n) => outplan(n))));
    const crashed = s.emulator.store.seedOutplans(s.key, ['Alpha', 'Bravo'].map(leftByCrashedRun));

    const rerun = await s.run(['apply', 'outplans.yaml', '--yes', '--report', 'audit.json']);
    expect(rerun.code).toBe(1);
    expect(rerun.stderr).toMatch(/"Alpha" is held by 2 live outplans/);
    expect(JSON.parse(s.read('audit.json'))).toMatchObject({ outcome: 'not-converged' });
    expect(s.liveRows()).toHaveLength(4);

    const plan = await s.run(['plan', 'outplans.yaml', '--format', 'json']);
    expect(plan.code).toBe(0);
    const json = JSON.parse(plan.stdout) as {
      unmanaged: { name: string; reason: string }[];
      warnings: { code: string; message: string; hint: string | null }[];
    };
    expect(json.unmanaged.map((u) => [u.name, u.reason])).toEqual([
      ['Alpha', 'duplicate'],
      ['Bravo', 'duplicate'],
    ]);
    expect(json.warnings.map((w) => `${w.message} ${w.hint}`).join('\n')).toContain(
      'outplanctl apply --prune',
    );

    const repair = await s.run(['apply', 'outplans.yaml', '--prune', '--yes']);
    expect(repair.code).toBe(0);
    // The oldest copies (the crashed run's) are the ones kept: their ids are what campaigns use.
    expect(
      s
        .liveRows()
        .map((row) => row.id)
        .sort(),
    ).toEqual(crashed.map((row) => row.id).sort());
  }, 90_000);
});
