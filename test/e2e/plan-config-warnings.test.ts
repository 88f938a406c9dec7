import { afterEach, describe, expect, it } from 'vitest';
import { configOf, outplan, startSession, type E2eSession } from '../helpers/e2e-session.js';

// A reviewer reads the plan, not the job log: a config warning (a 30 s retry interval)
// belongs in every plan format, once, with where it is declared.
describe('config warnings in the plan', () => {
  let s: E2eSession;
  afterEach(async () => {
    await s.close();
  });

  it('appear in text (after the summary), JSON and Markdown, and not twice', async () => {
    s = await startSession();
    s.write(
      'outplans/main.yaml',
      configOf([
        outplan('Quick', { source: { type: 'sip', target: 'sip:a@b.c' }, try_interval: '30s' }),
      ]),
    );

    const text = await s.run(['plan']);
    expect(text.code).toBe(0);
    const summaryAt = text.stdout.indexOf('Plan: 1 to create');
    const warningAt = text.stdout.indexOf('try_interval 30s is under 1m');
    expect(summaryAt).toBeGreaterThan(-1);
    expect(warningAt).toBeGreaterThan(summaryAt);
    expect(text.stdout).toContain('outplans/main.yaml:3:');
    expect(`${text.stdout}${text.stderr}`.split('try_interval 30s is under 1m')).toHaveLength(2);

    const json = await s.run(['plan', '--format', 'json']);
    const plan = JSON.parse(json.stdout) as {
      warnings: { code: string; message: string; at: { file: string; line: number } }[];
    };
    expect(plan.warnings).toContainEqual(
      expect.objectContaining({
        code: 'try-interval-short',
        at: expect.objectContaining({ file: 'outplans/main.yaml', line: 3 }),
      }),
    );

    const markdown = await s.run(['plan', '--format', 'markdown']);
    expect(markdown.stdout).toMatch(/#+ Warnings[\s\S]*try\\_interval 30s is under 1m/);

    // In GitHub Actions the warning also becomes an annotation on the pull request.
    const ci = await s.run(['plan'], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: '' });
    expect(ci.stderr).toMatch(/^::warning file=outplans\/main\.yaml,line=3,/m);
  });
});
