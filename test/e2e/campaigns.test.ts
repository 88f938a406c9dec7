import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configOf, outplan, startSession, type E2eSession } from '../helpers/e2e-session.js';

// Outplans drive campaigns: plans must say what a change does to them.
describe('campaign-aware plans', () => {
  let s: E2eSession;
  const ids: Record<string, string> = {};
  const all = ['Busy', 'Idle', 'Spare1', 'Spare2', 'Spare3', 'Spare4', 'Spare5', 'Spare6'];

  beforeAll(async () => {
    s = await startSession();
    for (const name of all) {
      const [row] = s.emulator.store.seedOutplans(s.key, [
        {
          name,
          detail: `${name} strategy`,
          source: { type: 'tel', target: '+15559876543' },
          dial_timeout: 30_000,
          try_interval: 7_200_000,
          max_try_count_0: 3,
          max_try_count_1: 2,
        },
      ]);
      ids[name] = row!.id;
    }
    s.emulator.store.seedCampaign(s.key, {
      name: 'Spring Promo',
      status: 'run',
      outplan_id: ids.Busy,
    });
    s.emulator.store.seedCampaign(s.key, {
      name: 'Winter Leftovers',
      status: 'stop',
      outplan_id: ids.Idle,
    });
    // A deleted campaign still listed by the API must not count.
    s.emulator.store.seedCampaign(s.key, {
      name: 'Old Deleted',
      status: 'stop',
      outplan_id: ids.Spare1,
      tm_delete: '2026-01-01T00:00:00Z',
    });
  });
  afterAll(async () => {
    await s.close();
  });

  it('flags a dial-info change on a running campaign in text, Markdown and JSON', async () => {
    const config = all.map((n) =>
      n === 'Busy' ? outplan(n, { dial_timeout: '40s' }) : outplan(n),
    );
    s.write('outplans.yaml', configOf(config));
    const text = await s.run(['plan', 'outplans.yaml']);
    expect(text.stdout).toContain('Spring Promo');
    expect(text.stdout).toMatch(
      /takes effect on running campaign "Spring Promo" \([0-9a-f-]+\) within seconds/,
    );

    const markdown = await s.run(['plan', 'outplans.yaml', '--format', 'markdown']);
    expect(markdown.stdout).toMatch(
      /takes effect on running campaign .*Spring Promo.*within seconds/,
    );

    const json = await s.run(['plan', 'outplans.yaml', '--format', 'json']);
    const parsed = JSON.parse(json.stdout) as {
      changes: { name: string; campaigns: { id: string; name: string; status: string }[] }[];
    };
    const busy = parsed.changes.find((c) => c.name === 'Busy')!;
    expect(busy.campaigns).toEqual([
      { id: expect.any(String), name: 'Spring Promo', status: 'run' },
    ]);
  });

  it('refuses to prune an outplan a running campaign uses, calling nothing, unless allowed', async () => {
    s.write('outplans.yaml', configOf(all.filter((n) => n !== 'Busy').map((n) => outplan(n))));
    s.emulator.resetRequestLog();
    const refused = await s.run(['apply', 'outplans.yaml', '--prune', '--yes']);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('Spring Promo');
    expect(refused.stderr).toContain('--allow-delete-in-use');
    expect(s.writes()).toEqual([]);

    const allowed = await s.run([
      'apply',
      'outplans.yaml',
      '--prune',
      '--yes',
      '--allow-delete-in-use',
    ]);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(s.writes().map((w) => `${w.method} ${w.path}`)).toEqual([
      `DELETE /v1.0/outplans/${ids.Busy}`,
    ]);
  });

  it("warns when a deleted outplan's only campaigns are stopped, naming them", async () => {
    s.write(
      'outplans.yaml',
      configOf(all.filter((n) => n !== 'Busy' && n !== 'Idle').map((n) => outplan(n))),
    );
    const plan = await s.run(['plan', 'outplans.yaml', '--prune']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('Winter Leftovers');
    expect(plan.stdout).toMatch(/cannot be started again until/);
    // The deleted campaign is not mentioned anywhere.
    expect(plan.stdout).not.toContain('Old Deleted');
  });
});

describe('when campaigns cannot be listed', () => {
  let s: E2eSession;
  beforeAll(async () => {
    s = await startSession();
    s.emulator.store.seedOutplans(
      s.key,
      ['Keep', 'Keep2', 'Keep3', 'Drop'].map((name) => ({
        name,
        detail: `${name} strategy`,
        source: { type: 'tel', target: '+15559876543' },
        dial_timeout: 30_000,
        try_interval: 7_200_000,
        max_try_count_0: 3,
        max_try_count_1: 2,
      })),
    );
    s.emulator.setFaults('GET /campaigns=500:1', 1);
  });
  afterAll(async () => {
    await s.close();
  });

  it('fails closed: a plan that deletes is refused, calling nothing', async () => {
    s.write('outplans.yaml', configOf(['Keep', 'Keep2', 'Keep3'].map((n) => outplan(n))));
    s.emulator.resetRequestLog();
    const run = await s.run(['apply', 'outplans.yaml', '--prune', '--yes']);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/[Cc]ampaigns could not be listed/);
    expect(s.writes()).toEqual([]);
  });

  it('still plans changes that delete nothing, with a warning', async () => {
    const run = await s.run(['plan', 'outplans.yaml']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/campaigns could not be listed/);
  });
});
