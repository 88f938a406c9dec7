import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configOf, outplan, startSession, type E2eSession } from '../helpers/e2e-session.js';

// One account's life, step by step, through the built CLI against the emulator.
describe('plan and apply against the emulator', () => {
  let s: E2eSession;
  const names = ['Alpha', 'Bravo', 'Charlie', 'Delta'];
  const base = () => names.map((n) => outplan(n));

  beforeAll(async () => {
    s = await startSession();
  });
  afterAll(async () => {
    await s.close();
  });

  it('creates every outplan from an empty account', async () => {
    s.write('outplans.yaml', configOf(base()));
    const plan = await s.run(['plan', 'outplans.yaml', '--detailed-exitcode']);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('Plan: 4 to create, 0 to update, 0 to delete, 0 unchanged.');
    expect(s.writes()).toEqual([]);

    const apply = await s.run(['apply', 'outplans.yaml', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(s.writes().map((w) => `${w.method} ${w.path}`)).toEqual(
      Array(4).fill('POST /v1.0/outplans'),
    );
    const alpha = s.liveRows().find((o) => o.name === 'Alpha')!;
    expect(alpha).toMatchObject({
      dial_timeout: 30_000,
      try_interval: 7_200_000,
      max_try_count_0: 3,
    });
    expect(apply.stderr).toContain('Verified: the live account now matches.');
  });

  it('plans nothing right after applying', async () => {
    const plan = await s.run(['plan', 'outplans.yaml', '--detailed-exitcode']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/No changes/);
  });

  it('changes a duration with only the dial_info call, sending the whole group', async () => {
    s.emulator.resetRequestLog();
    const config = base().map((o) => (o.name === 'Bravo' ? { ...o, try_interval: '1h30m' } : o));
    s.write('outplans.yaml', configOf(config));
    const plan = await s.run(['plan', 'outplans.yaml']);
    expect(plan.stdout).toContain('try_interval: 2h → 1h30m');
    expect(plan.stdout).toContain('Plan: 0 to create, 1 to update, 0 to delete, 3 unchanged.');

    const apply = await s.run(['apply', 'outplans.yaml', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    const bravo = s.liveRows().find((o) => o.name === 'Bravo')!;
    expect(s.writes().map((w) => `${w.method} ${w.path}`)).toEqual([
      `PUT /v1.0/outplans/${bravo.id}/dial_info`,
    ]);
    // The PUT replaces the whole group: everything else in it must have survived.
    expect(bravo).toMatchObject({
      try_interval: 5_400_000,
      dial_timeout: 30_000,
      max_try_count_0: 3,
      max_try_count_1: 2,
      source: { type: 'tel', target: '+15559876543' },
      detail: 'Bravo strategy',
    });
  });

  it('changes a detail with only the basic PUT', async () => {
    s.emulator.resetRequestLog();
    const config = base().map((o) =>
      o.name === 'Bravo'
        ? { ...o, try_interval: '1h30m' }
        : o.name === 'Charlie'
          ? { ...o, detail: 'new words' }
          : o,
    );
    s.write('outplans.yaml', configOf(config));
    const apply = await s.run(['apply', 'outplans.yaml', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    const charlie = s.liveRows().find((o) => o.name === 'Charlie')!;
    expect(s.writes().map((w) => `${w.method} ${w.path}`)).toEqual([
      `PUT /v1.0/outplans/${charlie.id}`,
    ]);
    expect(charlie.detail).toBe('new words');
  });

  it('renames through an id pin, keeping the id', async () => {
    s.emulator.resetRequestLog();
    const delta = s.liveRows().find((o) => o.name === 'Delta')!;
    const config = base().map((o) => {
      if (o.name === 'Bravo') return { ...o, try_interval: '1h30m' };
      if (o.name === 'Charlie') return { ...o, detail: 'new words' };
      if (o.name === 'Delta') return { ...o, name: 'Delta Prime', id: delta.id };
      return o;
    });
    s.write('outplans.yaml', configOf(config));
    const plan = await s.run(['plan', 'outplans.yaml']);
    expect(plan.stdout).toContain(delta.id);
    expect(plan.stdout).toContain('Plan: 0 to create, 1 to update, 0 to delete, 3 unchanged.');
    const apply = await s.run(['apply', 'outplans.yaml', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(s.writes().map((w) => `${w.method} ${w.path}`)).toEqual([
      `PUT /v1.0/outplans/${delta.id}`,
    ]);
    expect(s.emulator.store.getOutplan(delta.id)?.name).toBe('Delta Prime');
    expect(s.liveRows()).toHaveLength(4);
  });

  it('deletes a removed outplan only with --prune, and plans empty after the soft delete', async () => {
    const delta = s.liveRows().find((o) => o.name === 'Delta Prime')!;
    const config = base()
      .filter((o) => o.name !== 'Delta' && o.name !== 'Alpha')
      .map((o) =>
        o.name === 'Bravo'
          ? { ...o, try_interval: '1h30m' }
          : o.name === 'Charlie'
            ? { ...o, detail: 'new words' }
            : o,
      );
    // Keep Alpha declared so the prune deletes 1 of 4 (25 %), under the mass-delete threshold.
    config.push(outplan('Alpha'));
    s.write('outplans.yaml', configOf(config));

    s.emulator.resetRequestLog();
    const withoutPrune = await s.run(['apply', 'outplans.yaml', '--yes']);
    expect(withoutPrune.code, withoutPrune.stderr).toBe(0);
    expect(withoutPrune.stdout).toContain('Delta Prime');
    expect(s.writes()).toEqual([]);

    const plan = await s.run(['plan', 'outplans.yaml', '--prune', '--format', 'json']);
    expect(plan.code, plan.stderr).toBe(0);
    const json = JSON.parse(plan.stdout) as {
      summary: Record<string, number>;
      changes: { action: string; id: string; calls: string[] }[];
    };
    expect(json.summary).toEqual({ create: 0, update: 0, delete: 1, unchanged: 3 });
    expect(json.changes[0]).toMatchObject({ action: 'delete', id: delta.id, calls: ['delete'] });

    const withPrune = await s.run(['apply', 'outplans.yaml', '--prune', '--yes']);
    expect(withPrune.code, withPrune.stderr).toBe(0);
    expect(s.writes().map((w) => `${w.method} ${w.path}`)).toEqual([
      `DELETE /v1.0/outplans/${delta.id}`,
    ]);
    // The API still lists the soft-deleted row; the plan must not see it.
    expect(s.emulator.store.listOutplans(s.key).some((o) => o.id === delta.id)).toBe(true);
    const after = await s.run(['plan', 'outplans.yaml', '--prune', '--detailed-exitcode']);
    expect(after.code, after.stdout).toBe(0);
  });

  it('refuses a saved plan once the account changed, calling nothing', async () => {
    const config = base()
      .map((o) => (o.name === 'Alpha' ? { ...o, dial_timeout: '45s' } : o))
      .filter((o) => o.name !== 'Delta');
    s.write('outplans.yaml', configOf(config));
    const plan = await s.run(['plan', 'outplans.yaml', '--out', 'plan.json']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(s.read('plan.json')).not.toContain(s.key);

    // Someone edits Bravo by hand between review and apply.
    const bravo = s.liveRows().find((o) => o.name === 'Bravo')!;
    await fetch(`${s.emulator.baseUrl}/outplans/${bravo.id}?accesskey=${s.key}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Bravo', detail: 'hand edit' }),
    });
    s.emulator.resetRequestLog();
    const apply = await s.run(['apply', '--plan', 'plan.json', '--report', 'audit.json']);
    expect(apply.code).toBe(4);
    expect(apply.stderr).toContain('changed since the plan was made');
    expect(apply.stderr).toContain('"Bravo"');
    expect(s.writes()).toEqual([]);
    const audit = JSON.parse(s.read('audit.json')) as {
      outcome: string;
      calls: { outcome: string }[];
    };
    expect(audit.outcome).toBe('refused');
    expect(audit.calls.length).toBeGreaterThan(0);
    expect(audit.calls.every((c) => c.outcome === 'skipped')).toBe(true);
  });

  it('applies a fresh saved plan exactly', async () => {
    const plan = await s.run(['plan', 'outplans.yaml', '--out', 'plan.json']);
    expect(plan.code).toBe(0);
    s.emulator.resetRequestLog();
    const apply = await s.run(['apply', '--plan', 'plan.json']);
    expect(apply.code, apply.stderr).toBe(0);
    const alpha = s.liveRows().find((o) => o.name === 'Alpha')!;
    const saved = JSON.parse(s.read('plan.json')) as { summary: { update: number } };
    expect(s.writes().every((w) => w.method === 'PUT' && w.status === 200)).toBe(true);
    expect(s.writes().map((w) => w.path)).toContain(`/v1.0/outplans/${alpha.id}/dial_info`);
    expect(saved.summary.update).toBe(3);
    expect(alpha.dial_timeout).toBe(45_000);
    const after = await s.run(['plan', 'outplans.yaml', '--detailed-exitcode']);
    expect(after.code, after.stdout).toBe(0);
  });

  it('refuses a mass delete, calling nothing, unless allowed', async () => {
    s.write('outplans.yaml', configOf([outplan('Alpha', { dial_timeout: '45s' })]));
    s.emulator.resetRequestLog();
    const refused = await s.run(['apply', 'outplans.yaml', '--prune', '--yes']);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/--allow-mass-delete/);
    expect(s.writes()).toEqual([]);

    const plan = await s.run(['plan', 'outplans.yaml', '--prune']);
    expect(plan.code).toBe(4);

    const allowed = await s.run([
      'apply',
      'outplans.yaml',
      '--prune',
      '--yes',
      '--allow-mass-delete',
    ]);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(s.liveRows().map((o) => o.name)).toEqual(['Alpha']);
  });

  it('never asks without a terminal: apply without --yes is a usage error before any request', async () => {
    s.emulator.resetRequestLog();
    const run = await s.run(['apply', 'outplans.yaml']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('--yes');
    expect(s.emulator.requests).toEqual([]);
  });
});

describe('when reads lag writes (as VoIPBIN may for a few seconds)', () => {
  let s: E2eSession;
  beforeAll(async () => {
    s = await startSession({ readLagMs: 1500 });
  });
  afterAll(async () => {
    await s.close();
  });

  it('apply waits for the account to show its writes before calling it verified', async () => {
    s.write('outplans.yaml', configOf([outplan('Alpha'), outplan('Bravo')]));
    const apply = await s.run(['apply', 'outplans.yaml', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stderr).toContain('Verified: the live account now matches.');
    expect(apply.stderr).not.toContain('still differs');
    // By the time apply returned, a re-run sees the creates: no duplicates.
    const again = await s.run(['apply', 'outplans.yaml', '--yes']);
    expect(again.code).toBe(0);
    expect(s.liveRows()).toHaveLength(2);
  });
});
