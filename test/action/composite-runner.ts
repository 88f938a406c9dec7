/**
 * Runs the steps of a composite action (action.yml) the way the GitHub runner does, on this
 * machine: each `run:` step through `bash --noprofile --norc -eo pipefail` with its `env:`
 * (expressions substituted), GITHUB_OUTPUT read back after every step, GITHUB_PATH entries put
 * in front of PATH for the following steps, `if:` conditions evaluated, and the action's
 * outputs computed from its `outputs:` section.
 *
 * The third-party actions a step `uses:` are replaced by fakes the caller provides (the cache
 * by a folder, setup-node by a record of what was asked), so nothing reaches the network.
 * Expressions are the small subset action.yml uses; anything else is an error, so a new
 * expression makes this runner say what it lacks instead of running with a blank.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

export interface ActionStep {
  readonly name?: string;
  readonly id?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly shell?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, string>;
  readonly 'working-directory'?: string;
  readonly 'continue-on-error'?: boolean;
}

export interface ActionMetadata {
  readonly name: string;
  readonly description: string;
  readonly inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  readonly outputs: Record<string, { description: string; value: string }>;
  readonly runs: { using: string; steps: ActionStep[] };
}

export function loadAction(path: string): { text: string; action: ActionMetadata } {
  const text = readFileSync(path, 'utf8');
  return { text, action: parse(text) as ActionMetadata };
}

/** A fake for one third-party action: gets its `with:` values, returns its outputs. */
export type UsesHandler = (inputs: Record<string, string>) => Promise<Record<string, string>>;

export interface StepResult {
  readonly label: string;
  readonly skipped: boolean;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  /** Wall-clock time of the step (reported, never asserted on). */
  readonly durationMs: number;
}

export interface ActionRun {
  /** 0 when every step that ran succeeded, else the failing step's exit code. */
  readonly code: number;
  readonly outputs: Record<string, string>;
  readonly steps: StepResult[];
  /** Everything the steps printed, in order (for failure messages). */
  readonly log: string;
}

export interface RunnerEnvironment {
  /** The job's environment: PATH, HOME, RUNNER_TEMP, GITHUB_PATH file and the rest. */
  readonly env: Record<string, string>;
  readonly workspace: string;
  readonly uses: Record<string, UsesHandler>;
  /** Bound on each run step; a step running longer is killed and fails. */
  readonly stepTimeoutMs: number;
}

/** Parses a GITHUB_OUTPUT (or GITHUB_ENV) file: `name=value` lines and `name<<DELIM` blocks. */
export function parseCommandFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) body.push(lines[i]!);
      out[heredoc[1]!] = body.join('\n');
    } else if (line.includes('=')) {
      const at = line.indexOf('=');
      out[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return out;
}

export async function runCompositeAction(
  actionPath: string,
  inputs: Record<string, string>,
  runner: RunnerEnvironment,
): Promise<ActionRun> {
  const { action } = loadAction(join(actionPath, 'action.yml'));
  if (action.runs.using !== 'composite') throw new Error('not a composite action');
  for (const key of Object.keys(inputs)) {
    if (!(key in action.inputs)) throw new Error(`action.yml has no input ${key}`);
  }
  const inputValues = Object.fromEntries(
    Object.entries(action.inputs).map(([k, def]) => [k, inputs[k] ?? def.default ?? '']),
  );
  const stepOutputs: Record<string, Record<string, string>> = {};
  const results: StepResult[] = [];
  const githubPath = runner.env.GITHUB_PATH!;
  let log = '';
  let failed = 0;

  const value = (expr: string): string => {
    const e = expr.trim();
    const literal = /^'(.*)'$/.exec(e);
    if (literal) return literal[1]!.replaceAll("''", "'");
    let m: RegExpExecArray | null;
    if ((m = /^inputs\.([\w-]+)$/.exec(e))) {
      if (!(m[1]! in inputValues)) throw new Error(`unknown input in \${{ ${e} }}`);
      return inputValues[m[1]!]!;
    }
    if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e)))
      return stepOutputs[m[1]!]?.[m[2]!] ?? '';
    if (e === 'github.action_path') return actionPath;
    if (e === 'runner.temp') return runner.env.RUNNER_TEMP!;
    throw new Error(`the composite runner does not know the expression \${{ ${e} }}`);
  };
  const substitute = (text: string): string =>
    text.replace(/\$\{\{(.+?)\}\}/g, (_m, expr: string) => value(expr));
  const condition = (cond: string): boolean =>
    cond.split('||').some((any) =>
      any.split('&&').every((term) => {
        const cmp = /^(.+?)\s*(==|!=)\s*(.+)$/.exec(term.trim());
        if (!cmp) return value(term) !== '';
        const equal = value(cmp[1]!) === value(cmp[3]!);
        return cmp[2] === '==' ? equal : !equal;
      }),
    );

  for (const [index, step] of action.runs.steps.entries()) {
    const label = step.name ?? step.id ?? `step ${index + 1}`;
    const cond = step.if?.replace(/^\$\{\{(.*)\}\}$/s, '$1');
    const runs = failed === 0 && (cond === undefined || condition(cond));
    if (!runs) {
      results.push({
        label,
        skipped: true,
        code: 0,
        stdout: '',
        stderr: '',
        outputs: {},
        durationMs: 0,
      });
      continue;
    }
    let result: StepResult;
    const started = performance.now();
    if (step.uses !== undefined) {
      const name = step.uses.split('@')[0]!;
      const handler = runner.uses[name];
      if (!handler) throw new Error(`no fake for ${step.uses}`);
      const withValues = Object.fromEntries(
        Object.entries(step.with ?? {}).map(([k, v]) => [k, substitute(String(v))]),
      );
      const outputs = await handler(withValues);
      const durationMs = performance.now() - started;
      result = { label, skipped: false, code: 0, stdout: '', stderr: '', outputs, durationMs };
    } else {
      if (step.shell !== 'bash') throw new Error(`${label}: run steps must say shell: bash`);
      result = await runStep(label, step, substitute, actionPath, runner, githubPath);
    }
    log += `--- ${label} (exit ${result.code})\n${result.stdout}${result.stderr}`;
    if (step.id) stepOutputs[step.id] = result.outputs;
    results.push(result);
    if (result.code !== 0 && step['continue-on-error'] !== true) failed = result.code;
  }
  const outputs = Object.fromEntries(
    Object.entries(action.outputs).map(([k, def]) => [k, substitute(def.value)]),
  );
  return { code: failed, outputs, steps: results, log };
}

async function runStep(
  label: string,
  step: ActionStep,
  substitute: (text: string) => string,
  actionPath: string,
  runner: RunnerEnvironment,
  githubPath: string,
): Promise<StepResult> {
  const stepDir = join(runner.env.RUNNER_TEMP!, '_runner_file_commands');
  mkdirSync(stepDir, { recursive: true });
  const started = performance.now();
  const outputFile = join(stepDir, `output-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  writeFileSync(outputFile, '');
  const added = readFileSync(githubPath, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .reverse();
  const env: Record<string, string> = {
    ...runner.env,
    PATH: [...added, runner.env.PATH].join(':'),
    GITHUB_ACTION_PATH: actionPath,
    GITHUB_OUTPUT: outputFile,
  };
  for (const [k, v] of Object.entries(step.env ?? {})) env[k] = substitute(String(v));
  const cwd = resolve(runner.workspace, substitute(step['working-directory'] ?? '.'));
  const { code, stdout, stderr } = await new Promise<{
    code: number;
    stdout: string;
    stderr: string;
  }>((done, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: runner.stepTimeoutMs,
      killSignal: 'SIGKILL',
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (c, signal) =>
      done({ code: c ?? 128, stdout: out, stderr: signal ? `${err}\n[killed: ${signal}]` : err }),
    );
  });
  return {
    label,
    skipped: false,
    code,
    stdout,
    stderr,
    outputs: parseCommandFile(readFileSync(outputFile, 'utf8')),
    durationMs: performance.now() - started,
  };
}
