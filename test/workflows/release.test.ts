/**
 * The release workflow (.github/workflows/release.yml): its steps' scripts run through bash
 * exactly as written, with `gh` and `npm publish` replaced by shims that record their
 * arguments. Checks the tag/version gate, that the SHA-256 is checked, what the release is
 * created with, and that npm publishing uses provenance when a token exists and is skipped
 * cleanly when not.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-cli.js';
import { parseCommandFile } from '../action/composite-runner.js';
import { loadWorkflow, substituteExpressions, type Step } from './workflow-files.js';

const wf = loadWorkflow('.github/workflows/release.yml');
const VERSION = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  }
).version;
const root = mkdtempSync(join(tmpdir(), 'outplanctl-release-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** `gh` and `npm` that only write their arguments, one call per line, to calls.log. */
const shims = join(root, 'bin');
mkdirSync(shims);
for (const tool of ['gh', 'npm']) {
  writeFileSync(join(shims, tool), `#!/bin/sh\necho "${tool} $*" >> "$CALLS_LOG"\n`);
  chmodSync(join(shims, tool), 0o755);
}

function step(job: string, name: string): Step {
  const found = wf.doc.jobs[job]?.steps?.find((s) => s.name === name);
  if (!found) throw new Error(`release.yml has no step ${name} in ${job}`);
  return found;
}

async function run(
  job: string,
  name: string,
  values: Record<string, string>,
  cwd = REPO_ROOT,
): Promise<{ code: number; stdout: string; calls: string[]; outputs: Record<string, string> }> {
  const s = step(job, name);
  const dir = mkdtempSync(join(root, 'step-'));
  const calls = join(dir, 'calls.log');
  const output = join(dir, 'output');
  writeFileSync(calls, '');
  writeFileSync(output, '');
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...wf.doc.jobs[job]?.env, ...s.env })) {
    env[k] = substituteExpressions(String(v), values);
  }
  const workdir = s['working-directory' as keyof Step] as string | undefined;
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((done, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', s.run!], {
      cwd: workdir ? join(cwd, workdir) : cwd,
      env: {
        PATH: `${shims}:${process.env.PATH ?? ''}`,
        GITHUB_OUTPUT: output,
        CALLS_LOG: calls,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (c) => done({ code: c ?? -1, stdout: out }));
  });
  return {
    code,
    stdout,
    calls: readFileSync(calls, 'utf8').split('\n').filter(Boolean),
    outputs: parseCommandFile(readFileSync(output, 'utf8')),
  };
}

/** A release folder as the build job leaves it: the tarball and its checksum file. */
function releaseDir(version: string): string {
  const dir = mkdtempSync(join(root, 'cwd-'));
  mkdirSync(join(dir, 'release'));
  const tarball = `outplanctl-${version}.tgz`;
  writeFileSync(join(dir, 'release', tarball), 'not really a tarball');
  return dir;
}

const publishValues = (version: string, token: string) => ({
  'github.ref_name': `v${version}`,
  'needs.build.outputs.tarball': `outplanctl-${version}.tgz`,
  'needs.build.outputs.version': version,
  'secrets.NPM_TOKEN': token,
  'github.token': 'ghs_test',
  'github.repository': 'acme/outplanctl',
});

describe('release workflow', () => {
  it('runs on v* tags only, with a read-only token by default', () => {
    expect(wf.doc.on).toEqual({ push: { tags: ['v*'] } });
    expect((wf.doc as { permissions?: unknown }).permissions).toEqual({ contents: 'read' });
  });

  it('tests before it packs, and publishes only after building', () => {
    const names = wf.doc.jobs.build!.steps!.map((s) => s.name ?? s.uses ?? '');
    expect(names.indexOf('Test (npm test)')).toBeGreaterThan(names.indexOf('Install dependencies'));
    expect(names.indexOf('Pack')).toBeGreaterThan(names.indexOf('Test (npm test)'));
    expect((wf.doc.jobs.publish as { needs?: string }).needs).toBe('build');
  });

  it("accepts the tag that names package.json's version", async () => {
    const r = await run('build', "The tag names package.json's version", {
      'github.ref_name': `v${VERSION}`,
    });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.version).toBe(VERSION);
  });

  it('refuses a tag that does not, and says how to fix it', async () => {
    const r = await run('build', "The tag names package.json's version", {
      'github.ref_name': 'v99.0.0',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`The tag v99.0.0 does not match package.json's version ${VERSION}`);
  });

  it('refuses a tarball that does not match its SHA-256', async () => {
    const cwd = releaseDir('1.2.3');
    writeFileSync(
      join(cwd, 'release', 'outplanctl-1.2.3.tgz.sha256'),
      `${'0'.repeat(64)}  outplanctl-1.2.3.tgz\n`,
    );
    const r = await run(
      'publish',
      'Check the tarball against its SHA-256',
      publishValues('1.2.3', ''),
      cwd,
    );
    expect(r.code).not.toBe(0);
  });

  it('creates the GitHub Release with the tarball and its SHA-256', async () => {
    const cwd = releaseDir('1.2.3');
    writeFileSync(
      join(cwd, 'release', 'outplanctl-1.2.3.tgz.sha256'),
      `${'a'.repeat(64)}  outplanctl-1.2.3.tgz\n`,
    );
    const r = await run('publish', 'Create the GitHub Release', publishValues('1.2.3', ''), cwd);
    expect(r.code, r.stdout).toBe(0);
    expect(r.calls).toHaveLength(1);
    expect(r.calls[0]).toMatch(
      /^gh release create v1\.2\.3 outplanctl-1\.2\.3\.tgz outplanctl-1\.2\.3\.tgz\.sha256 --repo acme\/outplanctl --verify-tag /,
    );
    expect(r.calls[0]).toContain('a'.repeat(64));
    expect(r.calls[0]).not.toContain('--prerelease');
  });

  it('marks a version with a suffix as a pre-release', async () => {
    const cwd = releaseDir('1.3.0-rc.1');
    writeFileSync(
      join(cwd, 'release', 'outplanctl-1.3.0-rc.1.tgz.sha256'),
      `${'b'.repeat(64)}  x\n`,
    );
    const r = await run(
      'publish',
      'Create the GitHub Release',
      publishValues('1.3.0-rc.1', ''),
      cwd,
    );
    expect(r.code, r.stdout).toBe(0);
    expect(r.calls[0]).toMatch(/--prerelease$/);
  });

  it('publishes the tarball to npm with provenance when NPM_TOKEN is set', async () => {
    const r = await run(
      'publish',
      'Publish to npm',
      publishValues('1.2.3', 'npm_secret'),
      releaseDir('1.2.3'),
    );
    expect(r.code, r.stdout).toBe(0);
    expect(r.calls).toEqual([
      'npm publish ./outplanctl-1.2.3.tgz --provenance --access public --tag latest',
    ]);
    const next = await run(
      'publish',
      'Publish to npm',
      publishValues('1.3.0-rc.1', 'npm_secret'),
      releaseDir('1.3.0-rc.1'),
    );
    expect(next.calls).toEqual([
      'npm publish ./outplanctl-1.3.0-rc.1.tgz --provenance --access public --tag next',
    ]);
  });

  it('skips npm cleanly, with a notice, when there is no NPM_TOKEN', async () => {
    const r = await run(
      'publish',
      'Publish to npm',
      publishValues('1.2.3', ''),
      releaseDir('1.2.3'),
    );
    expect(r.code).toBe(0);
    expect(r.calls).toEqual([]);
    expect(r.stdout).toContain('::notice title=npm publish skipped::');
  });

  it('the job holding write permissions runs no project code', () => {
    const publish = wf.doc.jobs.publish!;
    expect((publish as { permissions?: unknown }).permissions).toEqual({
      contents: 'write',
      'id-token': 'write',
    });
    const scripts = (publish.steps ?? []).map((s) => s.run ?? '').join('\n');
    expect(scripts).not.toMatch(/^\s*(npm (ci|install|run|test)|node )/m);
    expect((publish.steps ?? []).some((s) => s.uses?.startsWith('actions/checkout@'))).toBe(false);
  });
});
