import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { digestOf, parseSavedPlan } from '../../src/plan/index.js';
import { renderDiagnosticsJson, summarise } from '../../src/render/diagnostics.js';
import { REPO_ROOT, runBuiltCli } from '../helpers/run-cli.js';

// Runs dist/ (`npm run build` first): the bundle as it ships.

/** A value the schema rejects for every field and keyword it has, in one file. */
const WRONG_EVERYWHERE = `defaults:
  dial_timeout: 5
  bogus: 1
  name: not-here
outplans:
  - name: ""
    detail: 12
    source: { type: fax, target: "abc" }
    dial_timeout: "30 s"
    try_interval: -1
    max_try_count_0: 99
    max_try_count_1: "x"
    extra: true
  - detail: missing name
  - name: pinned
    id: not-a-uuid
    source: { type: tel }
  - name: ${'x'.repeat(300)}
    source: { type: tel, target: "+1" }
  - just a string
prune:
  exclude: 5
  other: []
policy:
  dial_timeout: { min: x, max: [] }
  unknown: {}
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outplanctl-built-'));
  await writeFile(join(dir, 'wrong-everywhere.yaml'), WRONG_EVERYWHERE);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the built CLI', () => {
  it('reports exactly what ajv compiling the schema reports (its validator is generated from it at build time)', async () => {
    const paths = [join(dir, 'wrong-everywhere.yaml'), 'test/fixtures/config/diagnostics'];
    const run = await runBuiltCli(['validate', '--format', 'json', ...paths]);
    const loaded = await loadConfig(paths, { cwd: REPO_ROOT });
    const summary = summarise(loaded.diagnostics, {
      files: loaded.files.length,
      outplans: loaded.state.outplans.length,
    });
    expect(run.code).toBe(3);
    expect(summary.errors).toBeGreaterThan(20);
    expect(JSON.parse(run.stdout)).toEqual(
      JSON.parse(renderDiagnosticsJson(loaded.diagnostics, summary, loaded.files)),
    );
  });

  it('reads a malformed saved plan exactly as the sources do (its validator is generated at build time too)', async () => {
    const fixture = JSON.parse(
      await readFile(join(REPO_ROOT, 'test/plan/saved-plan-v1.fixture.json'), 'utf8'),
    ) as Record<string, unknown> & { plan: { changes: Record<string, unknown>[] } };
    const { checksum: _old, ...body } = fixture;
    delete body.live_fingerprint;
    body.prune = 'yes';
    body.apply_anyway = true;
    body.plan.changes[0]!.action = 'purge';
    body.plan.changes[1]!.calls = 'all';
    const text = JSON.stringify({ ...body, checksum: digestOf(body) });
    await writeFile(join(dir, 'malformed-plan.json'), text);
    let fromSources = '';
    try {
      parseSavedPlan(text);
    } catch (error) {
      fromSources = (error as Error).message;
    }
    expect(fromSources).toMatch(/^The saved plan is malformed: .*live_fingerprint is missing/);
    const run = await runBuiltCli(['show', join(dir, 'malformed-plan.json')]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(fromSources);
  });

  it('runs from dist/ and package.json alone: dependencies and the schema are bundled in', async () => {
    const install = join(dir, 'install');
    await cp(join(REPO_ROOT, 'dist'), join(install, 'dist'), { recursive: true });
    await cp(join(REPO_ROOT, 'package.json'), join(install, 'package.json'));
    await cp(join(REPO_ROOT, 'examples'), join(install, 'examples'), { recursive: true });
    // The copy's own main.js, in a directory with no node_modules above it.
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [join(install, 'dist', 'cli', 'main.js'), ...args], {
        cwd: install,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      });
    const valid = run('validate', 'examples');
    expect(valid.stderr).toBe('');
    expect(valid.status).toBe(0);
    const invalid = run('validate', join(dir, 'wrong-everywhere.yaml'));
    expect(invalid.status).toBe(3);
    expect(invalid.stderr).toMatch(/outplans\[0\]\.source\.type/);
  });
});
