import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession, type E2eSession } from '../helpers/e2e-session.js';

describe('export', () => {
  let s: E2eSession;

  beforeAll(async () => {
    s = await startSession();
    const rows = Array.from({ length: 260 }, (_, i) => ({
      // Every tenth name is shared by two outplans: export must pin those by id.
      name: i % 10 === 0 ? `Shared ${i % 20}` : `Outplan ${i}`,
      detail:
        i % 7 === 0 ? `line one\nline two of ${i}\n` : i % 3 === 0 ? '' : `detail ${i}: "quoted"`,
      source:
        i % 5 === 0
          ? {}
          : {
              type: i % 2 ? 'tel' : 'sip',
              target: i % 2 ? `+1555${String(i).padStart(7, '0')}` : `agent${i}@example.com`,
              target_name: i % 4 ? `Name ${i}` : '',
            },
      dial_timeout: 1_000 + i * 137,
      try_interval: 60_000 * (1 + (i % 90)) + (i % 3) * 500,
      max_try_count_0: i % 6,
      max_try_count_1: (i * 7) % 5,
      max_try_count_4: i % 2,
    }));
    s.emulator.store.seedOutplans(s.key, rows);
    // Created without a ring timeout: VoIPBIN stores 0, which a config says by leaving it out.
    s.emulator.store.seedOutplans(s.key, [
      { name: 'No Timeout', try_interval: 600_000, max_try_count_0: 1 },
    ]);
    // Deleted rows are not exported.
    s.emulator.store.seedOutplans(s.key, [
      { name: 'Gone', dial_timeout: 1000, try_interval: 1000, tm_delete: '2026-02-02T00:00:00Z' },
    ]);
  });
  afterAll(async () => {
    await s.close();
  });

  it('writes a config that plans empty against the same account (261 outplans, shared names, a zero timeout)', async () => {
    const exported = await s.run(['export', '--out', 'exported/live.yaml']);
    // The directory does not exist: a clear usage error, not a crash.
    expect(exported.code).toBe(3);
    expect(exported.stderr).toContain('Create the directory first');

    s.write('exported/.keep', '');
    const ok = await s.run(['export', '--out', 'exported/live.yaml']);
    expect(ok.code, ok.stderr).toBe(0);
    const yaml = s.read('exported/live.yaml');
    expect(yaml.startsWith('# yaml-language-server: $schema=')).toBe(true);
    expect(yaml).not.toContain('Gone');
    expect(yaml).not.toContain(s.key);
    // Only the colliding names carry an id pin.
    expect(yaml.match(/^\s+id: /gm)).toHaveLength(26);
    expect(yaml).toContain('- name: No Timeout\n    try_interval: 10m\n');

    const validate = await s.run(['validate', 'exported/live.yaml']);
    expect(validate.code, validate.stderr).toBe(0);
    const plan = await s.run(['plan', 'exported/live.yaml', '--prune', '--detailed-exitcode']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout).toContain('261 outplans match the configuration');
  });

  it('prints to stdout without --out', async () => {
    const run = await s.run(['export']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('outplans:');
    expect(run.stdout).toContain('name: Outplan 1\n');
  });
});

describe('export of values a config cannot hold', () => {
  let s: E2eSession;
  beforeAll(async () => {
    s = await startSession();
    s.emulator.store.seedOutplans(s.key, [
      { name: 'Broken', try_interval: 0, max_try_count_0: -2 },
    ]);
  });
  afterAll(async () => {
    await s.close();
  });

  it('writes them as they are, warns, and validate points at each', async () => {
    const run = await s.run(['export', '--out', 'live.yaml']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('try_interval is 0 ms');
    expect(run.stderr).toContain('max_try_count_0 is -2');
    const validate = await s.run(['validate', 'live.yaml']);
    expect(validate.code).toBe(3);
    expect(validate.stderr).toMatch(/live\.yaml:\d+:\d+: error: .*try_interval/);
  });
});
