import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession, type E2eSession } from '../helpers/e2e-session.js';

// `outplanctl list`: the live account at a glance, and the way to find an id to pin.
describe('list the live outplans (built CLI)', () => {
  let s: E2eSession;
  const ids: Record<string, string> = {};
  const hostile = 'Evil\n"Fake" (run)\x1b[31m';

  beforeAll(async () => {
    s = await startSession();
    const seed = (name: string, extra: Record<string, unknown>) => {
      const [row] = s.emulator.store.seedOutplans(s.key, [
        {
          name,
          detail: `${name} strategy`,
          source: { type: 'tel', target: '+15559876543' },
          dial_timeout: 30_000,
          try_interval: 7_200_000,
          max_try_count_0: 3,
          max_try_count_1: 2,
          ...extra,
        },
      ]);
      ids[name] = row!.id;
    };
    seed('Sales', {});
    seed('Support', { dial_timeout: 45_000, try_interval: 5_400_000, max_try_count_4: 1 });
    seed('Idle', { source: {}, dial_timeout: 0, try_interval: 90_000 });
    seed(hostile, {});
    seed('Gone', { tm_delete: '2026-01-01T00:00:00Z' });
    s.emulator.store.seedCampaign(s.key, {
      name: 'Spring Promo',
      status: 'run',
      outplan_id: ids.Sales,
    });
    s.emulator.store.seedCampaign(s.key, {
      name: 'Winter Leftovers',
      status: 'stop',
      outplan_id: ids.Sales,
    });
    s.emulator.store.seedCampaign(s.key, {
      name: 'Helpdesk',
      status: 'stopping',
      outplan_id: ids.Support,
    });
    // A deleted campaign is not a user.
    s.emulator.store.seedCampaign(s.key, {
      name: 'Old Deleted',
      status: 'stop',
      outplan_id: ids.Idle,
      tm_delete: '2026-01-01T00:00:00Z',
    });
  });
  afterAll(async () => {
    await s.close();
  });

  it('text: a table with ids, human durations, attempts and campaigns; names escaped', async () => {
    const run = await s.run(['list']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^ID +NAME +CALLER ID +DIAL TIMEOUT +TRY INTERVAL +ATTEMPTS 0\/1\/2\/3\/4 +CAMPAIGNS$/,
    );
    // Sorted by name; every row is one line, so a hostile name cannot forge a row.
    expect(lines.slice(1, 5).map((l) => l.split(/ {2,}/)[1])).toEqual([
      '"Evil\\n\\"Fake\\" (run)\\u001b[31m"',
      '"Idle"',
      '"Sales"',
      '"Support"',
    ]);
    expect(lines[5]).toBe('');
    expect(lines[6]).toBe('4 outplans, 2 used by campaigns.');
    expect(run.stdout).not.toContain('\x1b');
    expect(run.stdout).not.toContain('Gone');
    expect(run.stdout).not.toContain('Old Deleted');
    const row = (name: string) => lines.find((l) => l.includes(`"${name}"`))!.split(/ {2,}/);
    expect(row('Sales')).toEqual([
      ids.Sales,
      '"Sales"',
      'tel +15559876543',
      '30s',
      '2h',
      '3/2/0/0/0',
      '"Spring Promo" (running), "Winter Leftovers" (stopped)',
    ]);
    expect(row('Support')).toEqual([
      ids.Support,
      '"Support"',
      'tel +15559876543',
      '45s',
      '1h30m',
      '3/2/0/0/1',
      '"Helpdesk" (stopping)',
    ]);
    expect(row('Idle')).toEqual([ids.Idle, '"Idle"', '(none)', '0ms', '1m30s', '3/2/0/0/0', '-']);
    // Columns line up: every row starts its NAME where the header does.
    const nameAt = lines[0]!.indexOf('NAME');
    for (const line of lines.slice(1, 5)) expect(line.indexOf('"')).toBe(nameAt);
  });

  it('json: versioned, exact values, campaigns per outplan', async () => {
    const run = await s.run(['list', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toContain('\x1b');
    const doc = JSON.parse(run.stdout) as {
      format_version: number;
      campaigns_listed: boolean;
      outplans: Record<string, unknown>[];
    };
    expect(doc.format_version).toBe(1);
    expect(doc.campaigns_listed).toBe(true);
    expect(doc.outplans.map((o) => o.name)).toEqual([hostile, 'Idle', 'Sales', 'Support']);
    expect(doc.outplans.find((o) => o.name === 'Support')).toEqual({
      id: ids.Support,
      name: 'Support',
      detail: 'Support strategy',
      source: { type: 'tel', target: '+15559876543', target_name: '', name: '', detail: '' },
      dial_timeout: '45s',
      dial_timeout_ms: 45_000,
      try_interval: '1h30m',
      try_interval_ms: 5_400_000,
      max_try_count_0: 3,
      max_try_count_1: 2,
      max_try_count_2: 0,
      max_try_count_3: 0,
      max_try_count_4: 1,
      campaigns: [{ id: expect.any(String), name: 'Helpdesk', status: 'stopping' }],
      tm_create: expect.any(String),
      tm_update: null,
    });
    expect(doc.outplans.find((o) => o.name === 'Idle')!.campaigns).toEqual([]);
  });

  it('an empty account says so', async () => {
    const empty = await startSession();
    try {
      const text = await empty.run(['list']);
      expect(text).toMatchObject({ code: 0, stdout: 'No live outplans.\n' });
      const json = await empty.run(['list', '--format', 'json']);
      expect(JSON.parse(json.stdout)).toEqual({
        format_version: 1,
        campaigns_listed: true,
        outplans: [],
      });
    } finally {
      await empty.close();
    }
  });

  it('campaigns that cannot be listed: outplans still shown, campaigns "unknown", exit 1', async () => {
    s.emulator.setFaults('GET /campaigns=500:1');
    try {
      const run = await s.run(['list', '--timeout', '5000']);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('4 outplans, campaigns unknown (they could not be listed).');
      expect(run.stdout).toMatch(/"Sales" .* unknown\n/);
      expect(run.stderr).toMatch(/^error: campaigns could not be listed \(/m);
      const json = await s.run(['list', '--format', 'json']);
      expect(json.code).toBe(1);
      const doc = JSON.parse(json.stdout) as {
        campaigns_listed: boolean;
        outplans: { campaigns: unknown }[];
      };
      expect(doc.campaigns_listed).toBe(false);
      expect(doc.outplans.every((o) => o.campaigns === null)).toBe(true);
    } finally {
      s.emulator.setFaults(undefined);
    }
  });

  it('an outplan listing failure is exit 1 with nothing on stdout', async () => {
    s.emulator.setFaults('GET /outplans=500:1');
    try {
      const run = await s.run(['list']);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^error: /m);
    } finally {
      s.emulator.setFaults(undefined);
    }
  });
});
