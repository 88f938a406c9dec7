/**
 * Reads the GitHub workflow files the project ships and pulls out what the tests exercise:
 * the `outplanctl` command lines of `run:` steps, and the scripts of `actions/github-script`
 * steps.
 *
 * The convention that makes commands extractable: every outplanctl invocation starts its own
 * line of a `run:` block with the word `outplanctl` (the installed binary on PATH), and
 * workflow expressions (`${{ … }}`) appear only in `env:` values, never in the command line
 * itself, so the line is plain shell that runs unchanged once its env is known.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/run-cli.js';

/** Folders whose *.yml files are workflows: the project's own, and the copyable examples. */
export const WORKFLOW_DIRS = ['.github/workflows', 'docs/examples/github'];

export interface WorkflowFile {
  /** Path relative to the repository root. */
  readonly path: string;
  readonly text: string;
  readonly doc: Workflow;
}

export interface Workflow {
  readonly on?: unknown;
  readonly env?: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

export interface Job {
  readonly env?: Record<string, string>;
  readonly steps?: Step[];
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
}

export interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, unknown>;
}

export interface CommandLine {
  readonly file: string;
  readonly job: string;
  readonly step: string;
  /** The shell line, continuation lines joined. */
  readonly line: string;
  /** Workflow, job and step env merged (later wins), expressions not yet substituted. */
  readonly env: Record<string, string>;
}

export interface GithubScript {
  readonly file: string;
  readonly job: string;
  readonly step: string;
  readonly script: string;
  readonly env: Record<string, string>;
}

export function listWorkflowFiles(): string[] {
  return WORKFLOW_DIRS.flatMap((dir) => {
    let names: string[];
    try {
      names = readdirSync(join(REPO_ROOT, dir));
    } catch {
      return [];
    }
    return names
      .filter((n) => n.endsWith('.yml') || n.endsWith('.yaml'))
      .sort()
      .map((n) => join(dir, n));
  });
}

export function loadWorkflow(path: string): WorkflowFile {
  const text = readFileSync(join(REPO_ROOT, path), 'utf8');
  return { path: relative('.', path), text, doc: parse(text) as Workflow };
}

function stepsOf(wf: WorkflowFile): { job: string; jobEnv: Record<string, string>; step: Step }[] {
  return Object.entries(wf.doc.jobs).flatMap(([job, def]) =>
    (def.steps ?? []).map((step) => ({
      job,
      jobEnv: { ...wf.doc.env, ...def.env },
      step,
    })),
  );
}

/** Joins backslash-continued lines so a command split over several lines reads as one. */
export function joinContinuations(script: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const raw of script.split('\n')) {
    const line = raw.trimEnd();
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    out.push(pending + line);
    pending = '';
  }
  if (pending) out.push(pending);
  return out;
}

export function extractCommands(wf: WorkflowFile): CommandLine[] {
  return stepsOf(wf).flatMap(({ job, jobEnv, step }) =>
    step.run === undefined
      ? []
      : joinContinuations(step.run)
          .map((l) => l.trim())
          .filter((l) => /^outplanctl(\s|$)/.test(l))
          .map((line) => ({
            file: wf.path,
            job,
            step: step.name ?? step.id ?? step.run!.slice(0, 40),
            line,
            env: { ...jobEnv, ...step.env },
          })),
  );
}

export function extractGithubScripts(wf: WorkflowFile): GithubScript[] {
  return stepsOf(wf)
    .filter(({ step }) => step.uses?.startsWith('actions/github-script@'))
    .map(({ job, jobEnv, step }) => ({
      file: wf.path,
      job,
      step: step.name ?? step.id ?? 'github-script',
      script: String(step.with?.script ?? ''),
      env: { ...jobEnv, ...step.env },
    }));
}

/**
 * Replaces every `${{ expr }}` using `values`; an expression with no value is an error, so a
 * new expression in a workflow makes the test say what it needs rather than run with a blank.
 */
export function substituteExpressions(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_m, expr: string) => {
    const value = values[expr];
    if (value === undefined) throw new Error(`No test value for the expression \${{ ${expr} }}`);
    return value;
  });
}
