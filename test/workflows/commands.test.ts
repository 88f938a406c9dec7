/**
 * Runs every `outplanctl …` command line found in the workflow files against the emulator, so
 * a renamed or removed flag fails this suite instead of a user's pipeline.
 *
 * Each line runs through bash exactly as written (redirections, `|| code=$?` and all), with the
 * step's env after substituting its `${{ … }}` expressions by test values, GitHub's runner
 * variables pointing into a temp folder, and `outplanctl` on PATH as a shim around the built
 * CLI that records each exit code. Lines of one workflow run in file order against one
 * emulator, so a saved plan written by `plan --out` is there for the `apply --plan` after it.
 */
import { spawn } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { CLI_PATH, REPO_ROOT } from '../helpers/run-cli.js';
import { fakeCore, runGithubScript, scriptOf } from './github-script-runner.js';
import {
  extractCommands,
  joinContinuations,
  listWorkflowFiles,
  loadWorkflow,
  substituteExpressions,
  type CommandLine,
} from './workflow-files.js';

/** The example configuration the reusable workflows are exercised with (relative to the workspace). */
export const TEST_PATHS = 'examples/multi-env/production';

interface LineRun {
  /** outplanctl's own exit code, as recorded by the shim. */
  readonly code: number;
  readonly stderr: string;
}

/** One simulated runner: a workspace with the examples, runner files and an emulator. */
class Runner {
  readonly root = mkdtempSync(join(tmpdir(), 'outplanctl-wf-'));
  readonly workspace = join(this.root, 'workspace');
  readonly runnerTemp = join(this.root, 'runner-temp');
  readonly summary = join(this.root, 'step-summary.md');
  private readonly bin = join(this.root, 'bin');
  private readonly log = join(this.root, 'exit-codes.log');

  constructor(readonly emulator: RunningEmulator) {
    mkdirSync(this.bin, { recursive: true });
    // What the workflows' install step and `mkdir -p` would have made.
    mkdirSync(join(this.runnerTemp, 'outplanctl', 'plan'), { recursive: true });
    cpSync(join(REPO_ROOT, 'examples'), join(this.workspace, 'examples'), { recursive: true });
    const shim = join(this.bin, 'outplanctl');
    writeFileSync(
      shim,
      [
        '#!/usr/bin/env bash',
        `"${process.execPath}" "${CLI_PATH}" "$@"`,
        'code=$?',
        'echo "$code" >> "$OUTPLANCTL_TEST_LOG"',
        'exit "$code"',
        '',
      ].join('\n'),
    );
    chmodSync(shim, 0o755);
    writeFileSync(this.log, '');
  }

  expressions(extra: Record<string, string> = {}): Record<string, string> {
    return {
      'inputs.paths': TEST_PATHS,
      'inputs.key': 'production',
      'inputs.plan-args': '--prune',
      'inputs.apply-args': '--concurrency 2',
      'inputs.install-command': '',
      'inputs.outplanctl-version': 'latest',
      'secrets.VOIPBIN_ACCESSKEY': this.emulator.accessKeys[0]!,
      'secrets.VOIPBIN_API_URL': this.emulator.baseUrl,
      'steps.find.outputs.plan-source': 'fresh',
      'runner.temp': this.runnerTemp,
      ...extra,
    };
  }

  async run(cmd: CommandLine, extra: Record<string, string> = {}): Promise<LineRun> {
    const values = this.expressions(extra);
    const stepEnv = Object.fromEntries(
      Object.entries(cmd.env).map(([k, v]) => [k, substituteExpressions(String(v), values)]),
    );
    const before = this.codes().length;
    const stderr = await new Promise<string>((resolve, reject) => {
      const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', cmd.line], {
        cwd: this.workspace,
        env: {
          PATH: `${this.bin}:${process.env.PATH ?? ''}`,
          HOME: this.root,
          NO_COLOR: '1',
          CI: 'true',
          GITHUB_ACTIONS: 'true',
          GITHUB_STEP_SUMMARY: this.summary,
          GITHUB_OUTPUT: join(this.root, 'github-output'),
          GITHUB_ENV: join(this.root, 'github-env'),
          GITHUB_PATH: join(this.root, 'github-path'),
          GITHUB_REPOSITORY: 'acme/dialing',
          GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
          GITHUB_ACTOR: 'octocat',
          GITHUB_RUN_ID: '4242',
          RUNNER_TEMP: this.runnerTemp,
          OUTPLANCTL_TEST_LOG: this.log,
          ...stepEnv,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stdout.resume();
      child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      child.on('error', reject);
      child.on('close', () => resolve(err));
    });
    const codes = this.codes();
    if (codes.length !== before + 1) {
      throw new Error(
        `${cmd.file} (${cmd.step}): expected one outplanctl run from \`${cmd.line}\`, got ${codes.length - before}\n${stderr}`,
      );
    }
    return { code: codes[codes.length - 1]!, stderr };
  }

  private codes(): number[] {
    return readFileSync(this.log, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map(Number);
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** 0 for every command, or 2 (changes present) where the line asks for --detailed-exitcode. */
function expectedCodes(line: string): number[] {
  return line.includes('--detailed-exitcode') ? [0, 2] : [0];
}

beforeAll(() => {
  if (!existsSync(CLI_PATH))
    throw new Error(`${CLI_PATH} is missing: run \`npm run build\` first.`);
});

const workflows = listWorkflowFiles()
  .map(loadWorkflow)
  .filter((wf) => extractCommands(wf).length > 0);

describe('outplanctl command lines in the workflows', () => {
  it('finds the commands the reusable workflows depend on', () => {
    const lines = workflows.flatMap(extractCommands).map((c) => `${c.file}: ${c.line}`);
    for (const expected of [
      /outplanctl-plan\.yml: outplanctl validate /,
      /outplanctl-plan\.yml: outplanctl plan .*--format markdown.*--out /,
      /outplanctl-apply\.yml: outplanctl plan .*--out /,
      /outplanctl-apply\.yml: outplanctl apply --plan .*--yes --report /,
      /outplanctl-drift\.yml: outplanctl plan .*--detailed-exitcode --format markdown --allow-mass-delete/,
      /ci\.yml: outplanctl validate examples/,
    ]) {
      expect(lines.some((l) => expected.test(l))).toBe(true);
    }
  });

  it('has no outplanctl invocation hidden inside a line (the extraction convention)', () => {
    const hidden = listWorkflowFiles()
      .map(loadWorkflow)
      .flatMap((wf) =>
        Object.values(wf.doc.jobs).flatMap((job) =>
          (job.steps ?? []).flatMap((step) =>
            joinContinuations(step.run ?? '')
              .map((l) => l.trim())
              // Quoted text (messages) is not an invocation.
              .filter((l) =>
                /\boutplanctl\s+(validate|plan|apply|export|emulator|-)/.test(
                  l.replace(/"[^"]*"|'[^']*'/g, ''),
                ),
              )
              .filter((l) => !/^(outplanctl\s|#|echo\s)/.test(l))
              .map((l) => `${wf.path}: ${l}`),
          ),
        ),
      );
    expect(hidden).toEqual([]);
  });

  describe.each(workflows.map((wf) => [wf.path, wf] as const))('%s', (_path, wf) => {
    let emulator: RunningEmulator;
    let runner: Runner;
    beforeAll(async () => {
      emulator = await startEmulator();
      runner = new Runner(emulator);
    });
    afterAll(async () => {
      runner.dispose();
      await emulator.close();
    });

    // `outplanctl emulator … &` (CI starting a local API for the action's job) serves rather
    // than checks a configuration; the emulator has its own tests.
    const lines = extractCommands(wf).filter((c) => !/^outplanctl emulator\b/.test(c.line));
    it.each(lines.map((c) => [c.line, c] as const))('%s', async (_line, cmd) => {
      const { code, stderr } = await runner.run(cmd);
      expect(code, `exit ${code} (3 = a flag or the config was rejected):\n${stderr}`).not.toBe(3);
      expect(expectedCodes(cmd.line), `exit ${code}:\n${stderr}`).toContain(code);
    });
  });
});

describe('the workflows end to end on one emulator', () => {
  let emulator: RunningEmulator;
  let runner: Runner;
  const find = (file: string, pattern: RegExp): CommandLine => {
    const cmd = extractCommands(loadWorkflow(file)).find((c) => pattern.test(c.line));
    if (!cmd) throw new Error(`no command matching ${pattern} in ${file}`);
    return cmd;
  };
  const prPlan = () => find('.github/workflows/outplanctl-plan.yml', /^outplanctl plan /);
  const freshPlan = () => find('.github/workflows/outplanctl-apply.yml', /^outplanctl plan /);
  const apply = () => find('.github/workflows/outplanctl-apply.yml', /^outplanctl apply /);
  const drift = () => find('.github/workflows/outplanctl-drift.yml', /^outplanctl plan /);
  const planFile = () => join(runner.runnerTemp, 'outplanctl', 'plan.json');
  const applyPlanFile = () => join(runner.runnerTemp, 'outplanctl', 'plan', 'plan.json');

  beforeAll(async () => {
    emulator = await startEmulator();
    runner = new Runner(emulator);
  });
  afterAll(async () => {
    runner.dispose();
    await emulator.close();
  });

  it('pull request: the plan has changes, is saved, and reaches the job summary', async () => {
    const { code, stderr } = await runner.run(prPlan());
    expect(code, stderr).toBe(2);
    expect(existsSync(planFile())).toBe(true);
    const md = readFileSync(join(runner.runnerTemp, 'outplanctl', 'plan.md'), 'utf8');
    expect(md.startsWith('<!-- outplanctl:plan -->')).toBe(true);
    expect(readFileSync(runner.summary, 'utf8')).toContain('<!-- outplanctl:plan -->');
  });

  it('merge: a reviewed plan made stale by an out-of-band change is refused with exit 4, nothing changed', async () => {
    // The artifact download puts the pull request's saved plan where the apply step reads it.
    cpSync(planFile(), applyPlanFile());
    emulator.store.seedOutplan(emulator.accessKeys[0]!, { name: 'made-by-hand' });
    emulator.resetRequestLog();
    const { code, stderr } = await runner.run(apply(), {
      'steps.find.outputs.plan-source': 'reviewed',
    });
    expect(code, stderr).toBe(4);
    expect(stderr).toMatch(/stale|changed since/i);
    expect(emulator.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('merge: a fresh plan applies, and its audit report is written', async () => {
    const planned = await runner.run(freshPlan(), NO_PRUNE);
    expect(planned.code, planned.stderr).toBe(0);
    const applied = await runner.run(apply());
    expect(applied.code, applied.stderr).toBe(0);
    const report = JSON.parse(
      readFileSync(join(runner.runnerTemp, 'outplanctl', 'apply-report.json'), 'utf8'),
    ) as { calls: { request_id: string }[] };
    expect(report.calls.length).toBeGreaterThan(0);
    expect(JSON.stringify(report)).not.toContain(emulator.accessKeys[0]!);

    // The workflow's summary step renders this very report.
    const core = fakeCore();
    await runGithubScript(
      scriptOf('.github/workflows/outplanctl-apply.yml', 'Summarise the audit report'),
      runner.expressions({ 'steps.apply.outputs.exit-code': String(applied.code) }),
      null,
      core,
    );
    expect(core.summaryText).toContain('**succeeded** (exit code 0), fresh plan');
    for (const c of report.calls) expect(core.summaryText).toContain(c.request_id);
  });

  it('schedule: no drift after the apply, drift (exit 2) after an out-of-band change', async () => {
    const clean = await runner.run(drift(), NO_PRUNE);
    expect(clean.code, clean.stderr).toBe(0);
    const name = await changeByHand(emulator);
    const drifted = await runner.run(drift(), NO_PRUNE);
    expect(drifted.code, drifted.stderr).toBe(2);
    const md = readFileSync(join(runner.runnerTemp, 'outplanctl', 'drift.md'), 'utf8');
    expect(md).toContain(name);
  });
});

/** Without --prune the outplan made by hand in the stale-plan test stays out of the plans. */
const NO_PRUNE = { 'inputs.plan-args': '' };

/** Changes a managed outplan's dial timeout straight through the API, as a person would. */
async function changeByHand(emulator: RunningEmulator): Promise<string> {
  const key = emulator.accessKeys[0]!;
  const target = emulator.store.listOutplans(key).find((o) => o.name !== 'made-by-hand');
  if (!target) throw new Error('no managed outplan to change');
  const { id, source, dial_timeout, try_interval, ...rest } = target;
  const body = {
    source,
    dial_timeout: dial_timeout === 30_000 ? 45_000 : 30_000,
    try_interval,
    max_try_count_0: rest.max_try_count_0,
    max_try_count_1: rest.max_try_count_1,
    max_try_count_2: rest.max_try_count_2,
    max_try_count_3: rest.max_try_count_3,
    max_try_count_4: rest.max_try_count_4,
  };
  const url = `${emulator.baseUrl}/outplans/${id}/dial_info?accesskey=${encodeURIComponent(key)}`;
  const response = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`PUT dial_info: ${response.status} ${await response.text()}`);
  return target.name;
}
