import { afterEach, describe, expect, it } from 'vitest';
import { configOf, outplan, startSession, type E2eSession } from '../helpers/e2e-session.js';

// What a first-time user reads from plan and apply (issue 11), through the built CLI.
describe('plan and apply messages', () => {
  let s: E2eSession;
  afterEach(async () => {
    await s.close();
  });

  const seedFive = () =>
    s.emulator.store.seedOutplans(
      s.key,
      ['A', 'B', 'C', 'D', 'E'].map((name) => ({ name, try_interval: 60_000 })),
    );

  it('a refusal names both ways out; "No saved plan was written" only when --out was given', async () => {
    s = await startSession();
    seedFive();
    s.write('one.yaml', configOf([outplan('A')]));
    const plain = await s.run(['plan', 'one.yaml', '--prune']);
    expect(plain.code).toBe(4);
    expect(plain.stderr).toContain('--allow-mass-delete');
    expect(plain.stderr).toContain('--max-delete-percent N');
    expect(plain.stderr).not.toContain('No saved plan was written');

    const saving = await s.run(['plan', 'one.yaml', '--prune', '--out', 'plan.json']);
    expect(saving.code).toBe(4);
    expect(saving.stderr).toContain('No saved plan was written.');
    expect(() => s.read('plan.json')).toThrow();
  });

  it('applying a saved plan a second time says it is already applied, calls nothing, exits 0', async () => {
    s = await startSession();
    seedFive();
    s.write('all.yaml', configOf(['A', 'B', 'C', 'D', 'F'].map((n) => outplan(n))));
    expect((await s.run(['plan', 'all.yaml', '--prune', '--out', 'plan.json'])).code).toBe(0);
    const first = await s.run(['apply', '--plan', 'plan.json']);
    expect(first.code, first.stderr).toBe(0);

    s.emulator.resetRequestLog();
    const again = await s.run(['apply', '--plan', 'plan.json', '--report', 'again.json']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('The saved plan has already been applied');
    expect(again.stderr).not.toContain('changed since the plan was made');
    expect(s.writes()).toEqual([]);
    expect(JSON.parse(s.read('again.json'))).toMatchObject({ outcome: 'succeeded', calls: [] });

    // A plan whose account moved in another way is still refused as stale.
    s.emulator.store.seedOutplans(s.key, [{ name: 'Z', try_interval: 60_000 }]);
    const moved = await s.run(['apply', '--plan', 'plan.json']);
    expect(moved.code).toBe(4);
    expect(moved.stderr).toContain('changed since the plan was made');
  });

  it('progress names each outplan and the id a create produced', async () => {
    s = await startSession();
    s.write('two.yaml', configOf([outplan('Alpha'), outplan('Bravo')]));
    const run = await s.run(['apply', 'two.yaml', '--yes']);
    expect(run.code, run.stderr).toBe(0);
    for (const row of s.liveRows()) {
      expect(run.stderr).toContain(`ok: create "${row.name}" → id ${row.id} (POST /outplans`);
    }
  });

  it('a failed call is one line naming the request id once, plus its detail', async () => {
    s = await startSession();
    s.emulator.store.seedOutplans(s.key, [{ name: 'Alpha', try_interval: 60_000 }]);
    s.write('one.yaml', configOf([outplan('Alpha', { detail: 'new' })]));
    s.emulator.setFaults('PUT /outplans/{id}=500:1', 1);
    const run = await s.run(['apply', 'one.yaml', '--yes', '--report', 'audit.json']);
    expect(run.code).toBe(1);
    const audit = JSON.parse(s.read('audit.json')) as {
      calls: { outcome: string; request_id: string }[];
    };
    const failed = audit.calls.find((c) => c.outcome === 'failed')!;
    const lines = run.stderr.split('\n');
    const at = lines.findIndex((l) => l.startsWith('[') && l.includes('FAILED: update'));
    expect(at).toBeGreaterThanOrEqual(0);
    const [head, detail] = [lines[at]!, lines[at + 1]!];
    expect(head).toContain('"Alpha"');
    expect(head.split(failed.request_id)).toHaveLength(2);
    expect(detail).toMatch(/^ {6}\S/);
    expect(detail).toContain('500');
    expect(detail).not.toContain(failed.request_id);
  });
});
