import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configOf, outplan, startSession, type E2eSession } from '../helpers/e2e-session.js';

describe('inside GitHub Actions', () => {
  let s: E2eSession;
  beforeAll(async () => {
    s = await startSession();
  });
  afterAll(async () => {
    await s.close();
  });

  const actions = (summary: string) => ({
    GITHUB_ACTIONS: 'true',
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_REPOSITORY: 'acme/outplans',
    GITHUB_SHA: 'abc123',
    GITHUB_ACTOR: 'octocat',
    GITHUB_RUN_ID: '42',
  });

  it('plan and apply append their Markdown to the job summary', async () => {
    s.write('outplans.yaml', configOf([outplan('Alpha')]));
    const summary = s.write('summary.md', '');
    const plan = await s.run(['plan', 'outplans.yaml'], actions(summary));
    expect(plan.code).toBe(0);
    expect(s.read('summary.md')).toContain('<!-- outplanctl:plan -->');
    expect(s.read('summary.md')).toContain('Alpha');

    const apply = await s.run(
      ['apply', 'outplans.yaml', '--yes', '--report', 'audit.json'],
      actions(summary),
    );
    expect(apply.code, apply.stderr).toBe(0);
    expect(s.read('summary.md').split('<!-- outplanctl:plan -->')).toHaveLength(3);
    const audit = JSON.parse(s.read('audit.json')) as { ci: Record<string, string> };
    expect(audit.ci).toEqual({
      repository: 'acme/outplans',
      sha: 'abc123',
      actor: 'octocat',
      run_id: '42',
    });
  });

  it('config errors become workflow annotations', async () => {
    s.write('bad.yaml', 'outplans:\n  - name: X\n    try_interval: 30\n');
    const run = await s.run(['plan', 'bad.yaml'], actions(s.write('s2.md', '')));
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/::error file=bad\.yaml,line=3,col=19/);
    expect(run.stderr).toMatch(/write 30s for 30 seconds, or 30ms/i);
  });
});
