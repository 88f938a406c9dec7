/**
 * The reusable workflows install outplanctl through the repository's own composite action, at
 * the workflow's own commit: one install path for both, and the ref in a caller's `uses:` line
 * is the outplanctl version. Checks the steps' order and wiring, and runs the step that reads
 * the workflow's repository and commit from the job context, exactly as written.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-cli.js';
import { parseCommandFile, loadAction } from '../action/composite-runner.js';
import {
  listWorkflowFiles,
  loadWorkflow,
  substituteExpressions,
  type Step,
} from './workflow-files.js';

const REUSABLE = listWorkflowFiles().filter((f) => /\/outplanctl-(plan|apply|drift)\.yml$/.test(f));
const ACTION_DIR = '.outplanctl-action';
const SHA = '0123456789abcdef0123456789abcdef01234567';
const tmp = mkdtempSync(join(tmpdir(), 'outplanctl-install-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** What `${{ toJSON(job) }}` gives in a job of a reusable workflow (pretty-printed JSON). */
function jobContext(fields: Record<string, unknown>): string {
  return JSON.stringify({ status: 'success', check_run_id: 42, ...fields }, null, 2);
}

async function runLocate(step: Step, values: Record<string, string>) {
  const output = join(tmp, `output-${Math.random().toString(36).slice(2)}`);
  writeFileSync(output, '');
  const env = Object.fromEntries(
    Object.entries(step.env ?? {}).map(([k, v]) => [k, substituteExpressions(String(v), values)]),
  );
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((done, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
      env: { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: output, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (c) => done({ code: c ?? -1, stdout: out }));
  });
  return { code, stdout, outputs: parseCommandFile(readFileSync(output, 'utf8')) };
}

describe.each(REUSABLE)('%s installs outplanctl through the action', (path) => {
  const wf = loadWorkflow(path);
  const steps = Object.values(wf.doc.jobs).flatMap((j) => j.steps ?? []);
  const index = (pred: (s: Step) => boolean) => steps.findIndex(pred);
  const locate = steps.find((s) => s.name === 'Locate outplanctl');

  it('no longer installs from the npm registry', () => {
    expect(wf.text).not.toMatch(
      /npm install --global|outplanctl@\$|outplanctl-version|install-command/,
    );
  });

  it("checks out this workflow's repository at its commit, then uses the action in it", () => {
    const fetchAt = index(
      (s) => s.uses?.startsWith('actions/checkout@') === true && s.with?.path === ACTION_DIR,
    );
    const fetch = steps[fetchAt]!;
    expect(fetch.with).toMatchObject({
      repository: '${{ steps.outplanctl.outputs.repository }}',
      ref: '${{ steps.outplanctl.outputs.ref }}',
      'persist-credentials': false,
    });
    const locateAt = index((s) => s.id === 'outplanctl');
    const installAt = index((s) => s.uses === `./${ACTION_DIR}`);
    const firstCommand = index((s) => /^\s*outplanctl\s/m.test(s.run ?? ''));
    expect(locateAt).toBeGreaterThanOrEqual(0);
    expect(locateAt).toBeLessThan(fetchAt);
    expect(fetchAt).toBeLessThan(installAt);
    expect(installAt).toBeLessThan(firstCommand);
    // The action's inputs exist.
    const { action } = loadAction(join(REPO_ROOT, 'action.yml'));
    for (const key of Object.keys(steps[installAt]!.with ?? {})) {
      expect(Object.keys(action.inputs)).toContain(key);
    }
  });

  it('reads the repository and commit of the workflow file from the job context', async () => {
    const result = await runLocate(locate!, {
      'toJSON(job)': jobContext({
        workflow_repository: 'acme/outplanctl',
        workflow_sha: SHA,
        workflow_ref: `acme/outplanctl/${path}@refs/tags/v1.2.3`,
        workflow_file_path: path,
      }),
      'inputs.outplanctl-repository': '',
      'inputs.outplanctl-ref': '',
    });
    expect(result.code).toBe(0);
    expect(result.outputs).toEqual({ repository: 'acme/outplanctl', ref: SHA });
  });

  it('lets the inputs override it (GitHub Enterprise Server has no job.workflow_*)', async () => {
    const result = await runLocate(locate!, {
      'toJSON(job)': jobContext({}),
      'inputs.outplanctl-repository': 'tools/outplanctl',
      'inputs.outplanctl-ref': 'v1.2.3',
    });
    expect(result.code).toBe(0);
    expect(result.outputs).toEqual({ repository: 'tools/outplanctl', ref: 'v1.2.3' });
  });

  it('fails and says what to set when neither tells where outplanctl comes from', async () => {
    const result = await runLocate(locate!, {
      'toJSON(job)': jobContext({}),
      'inputs.outplanctl-repository': '',
      'inputs.outplanctl-ref': '',
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::error .*outplanctl-repository and outplanctl-ref/);
    expect(result.outputs).toEqual({});
  });
});
