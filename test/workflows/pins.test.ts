/**
 * Supply chain: every third-party action the workflows and the composite action use is pinned
 * by full commit SHA with its version in a comment (`@<40 hex> # vX.Y.Z`), so a moved tag
 * cannot change what runs, and Dependabot (configured for github-actions) can update both.
 * Local actions (`./…`) and this project's own reusable workflows (`OWNER/outplanctl/…`, the
 * placeholder users replace and pin themselves) are the only exceptions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/run-cli.js';
import { listWorkflowFiles } from './workflow-files.js';

const FILES = [...listWorkflowFiles(), 'action.yml'];
const PINNED = /^uses: [\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40} # v\d+\.\d+\.\d+$/;

function usesLines(path: string): string[] {
  return readFileSync(join(REPO_ROOT, path), 'utf8')
    .split('\n')
    .map((l) => l.trim().replace(/^- /, ''))
    .filter((l) => l.startsWith('uses:'));
}

describe('action pins', () => {
  it.each(FILES)('%s pins every third-party action by commit SHA and version', (path) => {
    const loose = usesLines(path).filter(
      (l) => !PINNED.test(l) && !/^uses: \.\//.test(l) && !/^uses: OWNER\/outplanctl\//.test(l),
    );
    expect(loose).toEqual([]);
  });

  it('uses one commit per action everywhere (one version to update)', () => {
    const shas = new Map<string, Set<string>>();
    for (const path of FILES) {
      for (const l of usesLines(path)) {
        const m = /^uses: ([\w.-]+\/[\w.-]+)[^@]*@([0-9a-f]{40}) # (v\S+)$/.exec(l);
        if (!m) continue;
        const seen = shas.get(m[1]!) ?? new Set<string>();
        seen.add(`${m[2]} ${m[3]}`);
        shas.set(m[1]!, seen);
      }
    }
    expect(shas.size).toBeGreaterThan(0);
    for (const [action, pins] of shas)
      expect([action, [...pins]]).toEqual([action, [...pins].slice(0, 1)]);
  });

  it('Dependabot updates the actions and the npm dependencies', () => {
    const config = parse(readFileSync(join(REPO_ROOT, '.github/dependabot.yml'), 'utf8')) as {
      version: number;
      updates: { 'package-ecosystem': string; directory: string }[];
    };
    expect(config.version).toBe(2);
    expect(config.updates.map((u) => `${u['package-ecosystem']} ${u.directory}`).sort()).toEqual([
      'github-actions /',
      'npm /',
    ]);
  });
});
