/**
 * The shape of action.yml that GitHub and users rely on, which running its steps does not
 * show: metadata the Marketplace needs, documented inputs and outputs, outputs wired to steps
 * that exist, inputs reaching scripts only through env (no expression pasted into shell, where
 * a crafted path could inject commands), and an install that never names a registry package.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-cli.js';
import { loadAction } from './composite-runner.js';

const { text, action } = loadAction(join(REPO_ROOT, 'action.yml'));
const steps = action.runs.steps;

describe('action.yml structure', () => {
  it('is a composite action with a name, a description and branding', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.name).toBe('outplanctl');
    expect(action.description.length).toBeGreaterThan(20);
    expect(action.description.length).toBeLessThan(200);
    expect(text).toMatch(/^branding:\n {2}icon: [\w-]+\n {2}color: \w+$/m);
  });

  it('documents every input and output, and gives every input a default', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(
      [
        'args',
        'cache',
        'command',
        'fail-on-changes',
        'node-version',
        'paths',
        'working-directory',
      ].sort(),
    );
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, name).toBeTruthy();
      expect(typeof input.default, name).toBe('string');
      expect(input.required ?? false, name).toBe(false);
    }
    expect(Object.keys(action.outputs).sort()).toEqual(
      ['cache-hit', 'exit-code', 'has-changes', 'output-file', 'version'].sort(),
    );
    for (const [name, output] of Object.entries(action.outputs)) {
      expect(output.description, name).toBeTruthy();
    }
  });

  it('wires each output to a step that exists', () => {
    const ids = new Set(steps.map((s) => s.id).filter(Boolean));
    for (const [name, output] of Object.entries(action.outputs)) {
      const m = /^\$\{\{ steps\.([\w-]+)\.outputs\.([\w-]+) \}\}$/.exec(output.value);
      expect(m, `${name}: ${output.value}`).not.toBeNull();
      expect(ids.has(m![1]!), `${name} reads step ${m![1]}`).toBe(true);
    }
  });

  it('gives every run step shell: bash and no expression inside its script', () => {
    for (const step of steps.filter((s) => s.run !== undefined)) {
      expect(step.shell, step.name).toBe('bash');
      expect(step.run, step.name).not.toContain('${{');
    }
  });

  it('every expression names a declared input or an earlier step', () => {
    const seen = new Set<string>();
    for (const step of steps) {
      const texts = [
        step.if ?? '',
        ...Object.values(step.env ?? {}),
        ...Object.values(step.with ?? {}),
      ];
      for (const t of texts) {
        for (const m of String(t).matchAll(/inputs\.([\w-]+)/g)) {
          expect(Object.keys(action.inputs), `${step.name}: inputs.${m[1]}`).toContain(m[1]);
        }
        for (const m of String(t).matchAll(/steps\.([\w-]+)\./g)) {
          expect(seen.has(m[1]!), `${step.name} reads step ${m[1]} before it ran`).toBe(true);
        }
      }
      if (step.id) seen.add(step.id);
    }
  });

  it('installs from its own files: never from a registry under the outplanctl name', () => {
    const scripts = steps.map((s) => s.run ?? '').join('\n');
    expect(scripts).toContain('cd "$GITHUB_ACTION_PATH"');
    expect(scripts).toMatch(/npm ci --ignore-scripts/);
    expect(scripts).toMatch(/npm run build/);
    expect(scripts).not.toMatch(/npm (install|i|exec)\b|npx |outplanctl@/);
  });

  it('restores and saves the same paths under the same key', () => {
    const restore = steps.find((s) => s.uses?.startsWith('actions/cache/restore@'));
    const save = steps.find((s) => s.uses?.startsWith('actions/cache/save@'));
    expect(restore?.with).toBeDefined();
    expect(save?.with).toEqual(restore?.with);
  });
});
