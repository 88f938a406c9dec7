import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configOf, outplan, startSession, type E2eSession } from '../helpers/e2e-session.js';
import { runBuiltCli } from '../helpers/run-cli.js';

// `outplanctl show PLANFILE`, as `terraform show plan.out`: a saved plan read offline.
describe('show a saved plan (built CLI)', () => {
  let s: E2eSession;
  /** Runs in the session's directory with no credential and no API URL at all. */
  const offline = (args: string[], env: Record<string, string> = {}) =>
    runBuiltCli(args, { cwd: s.dir, env });

  beforeAll(async () => {
    s = await startSession();
    s.emulator.store.seedOutplans(s.key, [
      {
        name: 'Old',
        detail: 'Old strategy',
        source: { type: 'tel', target: '+15559876543' },
        dial_timeout: 30_000,
        try_interval: 7_200_000,
        max_try_count_0: 3,
      },
      {
        name: 'Keep',
        detail: 'Keep strategy',
        source: { type: 'tel', target: '+15559876543' },
        dial_timeout: 30_000,
        try_interval: 7_200_000,
        max_try_count_0: 3,
        max_try_count_1: 2,
      },
      ...['Steady A', 'Steady B'].map((name) => ({
        name,
        detail: `${name} strategy`,
        source: { type: 'tel', target: '+15559876543' },
        dial_timeout: 30_000,
        try_interval: 7_200_000,
        max_try_count_0: 3,
        max_try_count_1: 2,
      })),
    ]);
    s.write(
      'outplans/main.yaml',
      configOf([
        outplan('Keep', { dial_timeout: '45s' }),
        outplan('New'),
        outplan('Steady A'),
        outplan('Steady B'),
      ]),
    );
  });
  afterAll(async () => {
    await s.close();
  });

  it('renders exactly what `plan` printed, in every format, with no credential and no request', async () => {
    const saved = await s.run(['plan', '--prune', '--out', 'plan.json']);
    expect(saved.code, saved.stderr).toBe(0);
    for (const format of ['text', 'json', 'markdown']) {
      const planned = await s.run(['plan', '--prune', '--format', format]);
      s.emulator.resetRequestLog();
      const shown = await offline(['show', 'plan.json', '--format', format]);
      expect(shown.code, shown.stderr).toBe(0);
      expect(s.emulator.requests).toEqual([]);
      expect(shown.stdout).toBe(planned.stdout);
      // Where the plan came from, on stderr so stdout stays the plan.
      expect(shown.stderr).toMatch(/^Saved plan made \S+ by outplanctl \S+ against http:\/\/127/);
      expect(shown.stderr).toContain('with --prune');
    }
    const text = await offline(['show', 'plan.json']);
    expect(text.stdout).toContain('Plan: 1 to create, 1 to update, 1 to delete');
  });

  it('refuses an edited or foreign file with the messages and exit codes of `apply --plan`', async () => {
    const plan = JSON.parse(s.read('plan.json')) as { plan: { changes: { name: string }[] } };
    plan.plan.changes[0]!.name = 'Somebody else';
    writeFileSync(join(s.dir, 'edited.json'), JSON.stringify(plan));
    s.write('foreign.json', '{"terraform_version": "1.9.0"}');
    s.write('broken.json', '{"kind": ');
    for (const file of ['edited.json', 'foreign.json', 'broken.json']) {
      const shown = await offline(['show', file]);
      const applied = await s.run(['apply', '--plan', file]);
      expect(shown.code).toBe(applied.code);
      expect(shown.code).toBe(file === 'edited.json' ? 4 : 3);
      expect(shown.stdout).toBe('');
      expect(shown.stderr).toBe(applied.stderr);
      expect(shown.stderr).toMatch(/^error: /);
    }
    const missing = await offline(['show', 'no-such-plan.json']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('error: Cannot read PLANFILE no-such-plan.json (ENOENT)');
    expect(missing.stderr).toContain('outplanctl plan --out FILE');
  });

  it('an unknown --format is a usage error before the file is read', async () => {
    const run = await offline(['show', 'plan.json', '--format', 'yaml']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('--format must be text, json or markdown');
  });
});
