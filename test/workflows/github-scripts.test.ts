/**
 * Runs the inline scripts of the reusable workflows' `actions/github-script` steps exactly as
 * written in the YAML, against an in-memory fake of the GitHub REST calls they use: the sticky
 * plan comment, the single drift issue, and the audit-report summary.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeCore, runGithubScript, scriptOf, type FakeCore } from './github-script-runner.js';
import type { GithubScript } from './workflow-files.js';

const PLAN_MARKER = '<!-- outplanctl:plan -->';
const tmp = mkdtempSync(join(tmpdir(), 'outplanctl-gh-script-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Comment {
  id: number;
  body: string;
  user: { type: string; login: string };
  html_url: string;
}

interface Issue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
  comments: string[];
  pull_request?: object;
}

/** The handful of REST calls the scripts make, over plain arrays. */
class FakeGitHub {
  comments: Comment[] = [];
  issues: Issue[] = [];
  labels = new Set<string>();
  private next = 100;

  paginate = async <P, T>(fn: (p: P) => Promise<{ data: T[] }>, params: P): Promise<T[]> =>
    (await fn(params)).data;

  rest = {
    issues: {
      listComments: async () => ({ data: this.comments.map((c) => ({ ...c })) }),
      createComment: async (p: { issue_number: number; body: string }) => {
        const issue = this.issues.find((i) => i.number === p.issue_number);
        if (issue) {
          issue.comments.push(p.body);
          return { data: { id: this.next++ } };
        }
        const c: Comment = {
          id: this.next++,
          body: p.body,
          user: { type: 'Bot', login: 'github-actions[bot]' },
          html_url: 'https://example.test/c',
        };
        this.comments.push(c);
        return { data: c };
      },
      updateComment: async (p: { comment_id: number; body: string }) => {
        const c = this.comments.find((x) => x.id === p.comment_id);
        if (!c) throw Object.assign(new Error('Not Found'), { status: 404 });
        c.body = p.body;
        return { data: c };
      },
      listForRepo: async (p: { state: string; labels: string }) => ({
        data: this.issues
          .filter((i) => i.state === p.state && i.labels.includes(p.labels))
          .map((i) => ({ ...i })),
      }),
      getLabel: async (p: { name: string }) => {
        if (!this.labels.has(p.name)) throw Object.assign(new Error('Not Found'), { status: 404 });
        return { data: { name: p.name } };
      },
      createLabel: async (p: { name: string }) => {
        this.labels.add(p.name);
        return { data: { name: p.name } };
      },
      create: async (p: { title: string; body: string; labels: string[] }) => {
        for (const l of p.labels) {
          if (!this.labels.has(l)) throw new Error(`label ${l} does not exist`);
        }
        const issue: Issue = {
          number: this.next++,
          title: p.title,
          body: p.body,
          state: 'open',
          labels: [...p.labels],
          comments: [],
        };
        this.issues.push(issue);
        return { data: issue };
      },
      update: async (p: { issue_number: number; body?: string; state?: 'open' | 'closed' }) => {
        const issue = this.issues.find((i) => i.number === p.issue_number);
        if (!issue) throw Object.assign(new Error('Not Found'), { status: 404 });
        if (p.body !== undefined) issue.body = p.body;
        if (p.state !== undefined) issue.state = p.state;
        return { data: issue };
      },
    },
  };
}

/** The scripts under test, with this file's fake GitHub. */
const run = (
  gs: GithubScript,
  values: Record<string, string>,
  github: FakeGitHub,
  core: FakeCore,
): Promise<void> => runGithubScript(gs, values, github, core);

describe('outplanctl-plan.yml: sticky pull request comment', () => {
  const gs = scriptOf('.github/workflows/outplanctl-plan.yml', 'Update the pull request comment');
  const planMd = join(tmp, 'outplanctl', 'plan.md');
  mkdirSync(join(tmp, 'outplanctl'), { recursive: true });
  const values = (over: Record<string, string> = {}): Record<string, string> => ({
    'inputs.paths': 'outplans',
    'inputs.key': 'production',
    'runner.temp': tmp,
    'steps.validate.outcome': 'success',
    'steps.plan.outcome': 'success',
    'steps.plan.outputs.exit-code': '2',
    'steps.hash.outputs.artifact-name': 'outplanctl-plan-production-abc',
    ...over,
  });

  it('creates one comment, then updates that same comment on the next push', async () => {
    const github = new FakeGitHub();
    github.comments.push({
      id: 1,
      body: `quoting the bot: ${PLAN_MARKER} <!-- outplanctl:key=production -->`,
      user: { type: 'User', login: 'reviewer' },
      html_url: 'u',
    });
    writeFileSync(planMd, `${PLAN_MARKER}\n## Plan: 1 to create\n+ create sales-retry\n`);
    await run(gs, values(), github, fakeCore());
    expect(github.comments).toHaveLength(2);
    const created = github.comments[1]!;
    expect(created.body.startsWith(PLAN_MARKER)).toBe(true);
    expect(created.body).toContain('+ create sales-retry');
    expect(created.body).toContain('outplanctl-plan-production-abc');
    expect(created.body).toContain('https://github.com/acme/dialing/actions/runs/4242');

    writeFileSync(planMd, `${PLAN_MARKER}\n## Plan: 1 to update\n~ update sales-retry\n`);
    await run(gs, values(), github, fakeCore());
    expect(github.comments).toHaveLength(2);
    expect(github.comments[1]!.body).toContain('~ update sales-retry');
    expect(github.comments[1]!.body).not.toContain('+ create sales-retry');
    expect(github.comments[0]!.body).toMatch(/^quoting the bot/); // a person's comment is never edited
  });

  it('keeps a separate comment per key', async () => {
    const github = new FakeGitHub();
    writeFileSync(planMd, `${PLAN_MARKER}\nplan\n`);
    await run(gs, values({ 'inputs.key': 'staging' }), github, fakeCore());
    await run(gs, values({ 'inputs.key': 'production' }), github, fakeCore());
    await run(gs, values({ 'inputs.key': 'staging' }), github, fakeCore());
    expect(github.comments).toHaveLength(2);
  });

  it('replaces a stale plan with the reason when validation failed', async () => {
    const github = new FakeGitHub();
    writeFileSync(planMd, `${PLAN_MARKER}\n+ create old-plan\n`);
    await run(gs, values(), github, fakeCore());
    await run(
      gs,
      values({ 'steps.validate.outcome': 'failure', 'steps.plan.outcome': 'skipped' }),
      github,
      fakeCore(),
    );
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]!.body).toContain('invalid configuration');
    expect(github.comments[0]!.body).toContain('See the annotations');
    expect(github.comments[0]!.body).not.toContain('old-plan');
  });

  it('shows a refused plan with the refusal from the log', async () => {
    const github = new FakeGitHub();
    writeFileSync(planMd, `${PLAN_MARKER}\n## Plan: 3 to delete\n- delete a\n`);
    writeFileSync(
      join(tmp, 'outplanctl', 'plan.log'),
      '::warning::noise\nError: Refusing to delete every live outplan (3 of 3).\n  Re-run with --allow-mass-delete.\n',
    );
    await run(
      gs,
      values({ 'steps.plan.outcome': 'failure', 'steps.plan.outputs.exit-code': '4' }),
      github,
      fakeCore(),
    );
    const body = github.comments[0]!.body;
    expect(body.startsWith(PLAN_MARKER)).toBe(true);
    expect(body).toContain('refused by a safety rule (exit 4)');
    expect(body).toContain('Refusing to delete every live outplan (3 of 3).');
    expect(body).toContain('- delete a');
    expect(body).not.toContain('::warning');
    expect(body.split(PLAN_MARKER)).toHaveLength(2); // the marker appears once
  });

  it('says which exit code a failed plan had', async () => {
    const github = new FakeGitHub();
    rmSync(planMd, { force: true });
    rmSync(join(tmp, 'outplanctl', 'plan.log'), { force: true });
    await run(
      gs,
      values({ 'steps.plan.outcome': 'failure', 'steps.plan.outputs.exit-code': '1' }),
      github,
      fakeCore(),
    );
    expect(github.comments[0]!.body).toContain('failed (exit code 1)');
  });

  it('truncates a plan too long for a GitHub comment', async () => {
    const github = new FakeGitHub();
    writeFileSync(planMd, `${PLAN_MARKER}\n${'+ create x\n'.repeat(10_000)}`);
    await run(gs, values(), github, fakeCore());
    const body = github.comments[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain('plan truncated');
    expect(body).toContain('<!-- outplanctl:key=production -->');
  });
});

describe('outplanctl-drift.yml: one drift issue', () => {
  const gs = scriptOf(
    '.github/workflows/outplanctl-drift.yml',
    'Open, update or close the drift issue',
  );
  const values = (drift: 'true' | 'false', key = 'default'): Record<string, string> => ({
    'inputs.paths': 'outplans',
    'inputs.key': key,
    'inputs.issue-label': 'outplanctl-drift',
    'runner.temp': tmp,
    'steps.detect.outputs.drift': drift,
  });
  // The step reads $RUNNER_TEMP/outplanctl/drift.md; point runner.temp at a folder holding it.
  const driftTmp = join(tmp, 'drift');
  const dv = (drift: 'true' | 'false', key?: string) => ({
    ...values(drift, key),
    'runner.temp': driftTmp,
  });
  const writeDrift = (text: string) => {
    rmSync(driftTmp, { recursive: true, force: true });
    mkdirSync(join(driftTmp, 'outplanctl'), { recursive: true });
    writeFileSync(join(driftTmp, 'outplanctl', 'drift.md'), `${PLAN_MARKER}\n${text}\n`);
  };

  it('opens one issue (creating the label), updates it, then closes it when drift is gone', async () => {
    const github = new FakeGitHub();
    writeDrift('~ update sales-retry: dial_timeout 30s -> 45s');
    await run(gs, dv('true'), github, fakeCore());
    expect(github.labels.has('outplanctl-drift')).toBe(true);
    expect(github.issues).toHaveLength(1);
    expect(github.issues[0]!.title).toBe('outplanctl: drift detected');
    expect(github.issues[0]!.body).toContain('dial_timeout 30s -> 45s');

    writeDrift('- delete stray-plan');
    await run(gs, dv('true'), github, fakeCore());
    expect(github.issues).toHaveLength(1);
    expect(github.issues[0]!.body).toContain('delete stray-plan');
    expect(github.issues[0]!.body).not.toContain('dial_timeout');

    await run(gs, dv('false'), github, fakeCore());
    expect(github.issues[0]!.state).toBe('closed');
    expect(github.issues[0]!.comments.join()).toContain('No drift');

    writeDrift('~ drifted again');
    await run(gs, dv('true'), github, fakeCore());
    expect(github.issues.filter((i) => i.state === 'open')).toHaveLength(1);
    expect(github.issues).toHaveLength(2);
  });

  it('keeps keys apart and does nothing without drift or an open issue', async () => {
    const github = new FakeGitHub();
    await run(gs, dv('false'), github, fakeCore());
    expect(github.issues).toHaveLength(0);
    writeDrift('~ staging drift');
    await run(gs, dv('true', 'staging'), github, fakeCore());
    await run(gs, dv('false', 'production'), github, fakeCore());
    expect(github.issues).toHaveLength(1);
    expect(github.issues[0]!.state).toBe('open');
    expect(github.issues[0]!.title).toBe('outplanctl: drift detected (staging)');
  });
});

describe('outplanctl-apply.yml: audit report summary', () => {
  const gs = scriptOf('.github/workflows/outplanctl-apply.yml', 'Summarise the audit report');
  const values = (runnerTemp: string): Record<string, string> => ({
    'inputs.paths': 'outplans',
    'inputs.key': 'production',
    'runner.temp': runnerTemp,
    'steps.find.outputs.plan-source': 'reviewed',
    'steps.apply.outputs.exit-code': '1',
  });
  const call = (over: Record<string, unknown>) => ({
    action: 'update_dial_info',
    method: 'PUT',
    path: '/outplans/id-1/dial_info',
    name: 'sales',
    id: 'id-1',
    before: null,
    after: null,
    outcome: 'succeeded',
    status: 200,
    request_id: 'req-1',
    retries: 0,
    duration_ms: 10,
    started_at: '2026-01-01T00:00:00.000Z',
    finished_at: '2026-01-01T00:00:00.010Z',
    error: null,
    ...over,
  });

  // The shape written by src/apply/audit-report.ts (format_version 1).
  const report = {
    format_version: 1,
    tool_version: '0.1.0',
    started_at: '2026-01-01T00:00:00.000Z',
    finished_at: '2026-01-01T00:00:02.500Z',
    api_url: 'https://api.voipbin.net/v1.0',
    ci: { repository: 'acme/dialing', sha: 'abc123', actor: 'octocat', run_id: '99' },
    source: { kind: 'saved-plan', detail: 'plan.json' },
    outcome: 'failed',
    refusal: null,
    converged: false,
    summary: { calls: 3, succeeded: 1, adopted: 0, failed: 1, skipped: 1 },
    calls: [
      call({
        name: 'sales|retry',
        before: { dial_timeout: 30000, try_interval: 600000 },
        after: { dial_timeout: 45000, try_interval: 600000 },
        request_id: 'req-1',
        retries: 2,
        duration_ms: 812,
      }),
      call({
        action: 'create',
        method: 'POST',
        name: 'support',
        id: null,
        after: { name: 'support', detail: '' },
        outcome: 'failed',
        status: 500,
        request_id: 'req-2',
        retries: 3,
        error: { code: 'API_ERROR', message: 'API returned 500 Internal Server Error' },
      }),
      call({
        action: 'delete',
        method: 'DELETE',
        name: 'old',
        id: 'id-3',
        before: { name: 'old' },
        outcome: 'skipped',
        status: null,
        request_id: null,
      }),
    ],
  };

  const summarise = async (value: unknown): Promise<string> => {
    const dir = mkdtempSync(join(tmp, 'apply-'));
    mkdirSync(join(dir, 'outplanctl'), { recursive: true });
    writeFileSync(join(dir, 'outplanctl', 'apply-report.json'), JSON.stringify(value));
    const core = fakeCore();
    await run(gs, values(dir), new FakeGitHub(), core);
    return core.summaryText;
  };

  it('renders every call with its outcome, request id, retries and changed fields', async () => {
    const md = await summarise(report);
    expect(md).toContain('## outplanctl apply report (production)');
    expect(md).toContain('**failed** (exit code 1), reviewed plan');
    expect(md).toContain('3 calls: 1 succeeded, 1 failed, 1 skipped');
    expect(md).toContain('does not match the plan yet');
    expect(md).toContain('acme/dialing at abc123 by octocat, run 99');
    expect(md).toContain('sales\\|retry'); // a pipe in a name cannot break the table
    expect(md).toContain('| req-1 | 2 | 812 |');
    expect(md).toContain('dial_timeout: 30000 → 45000');
    expect(md).not.toContain('try_interval'); // unchanged fields are not listed
    expect(md).toContain('API returned 500 Internal Server Error');
    const rows = md.split('\n').filter((l) => /^\| (✅|❌|⏭️)/.test(l));
    expect(rows).toHaveLength(3);
  });

  it('shows a refusal and says no call was made', async () => {
    const md = await summarise({
      ...report,
      outcome: 'refused',
      converged: null,
      refusal: { code: 'STALE_PLAN', message: 'The account changed since the plan was made.' },
      calls: [],
    });
    expect(md).toContain('**refused**');
    expect(md).toContain('No API calls were made.');
    expect(md).toContain('STALE_PLAN');
    expect(md).toContain('The account changed since the plan was made.');
  });

  it('warns instead of failing when there is no report (apply never started)', async () => {
    const core = fakeCore();
    await run(gs, values(join(tmp, 'nowhere')), new FakeGitHub(), core);
    expect(core.summaryText).toBe('');
    expect(core.warnings.join()).toContain('No audit report');
  });
});
