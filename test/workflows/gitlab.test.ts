/**
 * The GitLab CI template (docs/examples/gitlab/gitlab-ci.yml): its structure (which job runs in which
 * pipeline), and its jobs' scripts run through bash exactly as written, as GitLab runs them
 * (one shell per job, before_script then script), against the emulator, with `outplanctl` on
 * PATH as the built CLI and the merge-request note posted to a fake GitLab API on loopback.
 * The install lines run too, from a packed tarball through a file:// URL, its dependencies
 * from a registry on loopback (test/package/local-registry.ts).
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { CLI_PATH, REPO_ROOT } from '../helpers/run-cli.js';
import { startLocalRegistry, type LocalRegistry } from '../package/local-registry.js';
import { childEnv, offlineNpmConfig } from '../package/npm-offline.js';

const execFileP = promisify(execFile);
const TEMPLATE = 'docs/examples/gitlab/gitlab-ci.yml';
const TOKEN = 'glpat-test-token';

interface GitlabJob {
  stage: string;
  rules: { if: string }[];
  script: string[];
  before_script?: string[];
  artifacts?: { when?: string; paths: string[]; expire_in?: string };
  resource_group?: string;
  environment?: { name: string };
}

const doc = parse(readFileSync(join(REPO_ROOT, TEMPLATE), 'utf8')) as {
  workflow: { rules: { if: string }[] };
  stages: string[];
  variables: Record<string, string>;
  default: { image: string; before_script: string[] };
  [job: string]: unknown;
};
const jobs = Object.fromEntries(
  Object.entries(doc).filter(([k]) => k.startsWith('outplanctl:')),
) as Record<string, GitlabJob>;

/** The install lines of before_script (they fetch); the rest prepares the job. */
const isInstallLine = (l: string) => /^(curl |echo "\$OUTPLANCTL_SHA256|npm install )/.test(l);

/**
 * Evaluates a rules `if:` the way these rules are written: `$VAR == "x"`, `$A == $B`, `!=`,
 * joined by `&&`. Enough to tell which jobs a pipeline of a given source runs.
 */
function ruleMatches(cond: string, vars: Record<string, string>): boolean {
  return cond.split('&&').every((term) => {
    const m = /^\s*(\$\w+)\s*(==|!=)\s*("[^"]*"|\$\w+)\s*$/.exec(term);
    if (!m) throw new Error(`rule syntax not understood: ${term}`);
    const val = (t: string) => (t.startsWith('$') ? (vars[t.slice(1)] ?? '') : t.slice(1, -1));
    return (val(m[1]!) === val(m[3]!)) === (m[2] === '==');
  });
}

function jobsFor(vars: Record<string, string>): string[] {
  if (!doc.workflow.rules.some((r) => ruleMatches(r.if, vars))) return [];
  return Object.entries(jobs)
    .filter(([, job]) => job.rules.some((r) => ruleMatches(r.if, vars)))
    .map(([name]) => name);
}

const MR = { CI_PIPELINE_SOURCE: 'merge_request_event', CI_DEFAULT_BRANCH: 'main' };
const PUSH_MAIN = {
  CI_PIPELINE_SOURCE: 'push',
  CI_COMMIT_BRANCH: 'main',
  CI_DEFAULT_BRANCH: 'main',
};
const PUSH_OTHER = { ...PUSH_MAIN, CI_COMMIT_BRANCH: 'feature' };
const SCHEDULE = {
  CI_PIPELINE_SOURCE: 'schedule',
  CI_COMMIT_BRANCH: 'main',
  CI_DEFAULT_BRANCH: 'main',
};

describe('GitLab template: structure', () => {
  it('merge requests validate and plan; nothing applies', () => {
    expect(jobsFor(MR)).toEqual(['outplanctl:validate', 'outplanctl:plan']);
  });

  it('the default branch validates and applies; other branches run no pipeline', () => {
    expect(jobsFor(PUSH_MAIN)).toEqual(['outplanctl:validate', 'outplanctl:apply']);
    expect(jobsFor(PUSH_OTHER)).toEqual([]);
  });

  it('schedules run only the drift check', () => {
    expect(jobsFor(SCHEDULE)).toEqual(['outplanctl:drift']);
  });

  it('stages run in order validate, plan, apply and every job names one of them', () => {
    expect(doc.stages).toEqual(['validate', 'plan', 'apply']);
    for (const job of Object.values(jobs)) expect(doc.stages).toContain(job.stage);
  });

  it('keeps the saved plan, the apply report and the drift report as artifacts, even on failure', () => {
    expect(jobs['outplanctl:plan']!.artifacts).toMatchObject({
      when: 'always',
      paths: expect.arrayContaining(['.outplanctl/plan.json', '.outplanctl/plan.md']),
    });
    expect(jobs['outplanctl:apply']!.artifacts?.paths).toContain('.outplanctl/apply-report.json');
    expect(jobs['outplanctl:drift']!.artifacts).toMatchObject({
      when: 'always',
      paths: ['.outplanctl/drift.md'],
    });
  });

  it('serialises applies and checks drift with --detailed-exitcode', () => {
    expect(jobs['outplanctl:apply']!.resource_group).toBeTruthy();
    expect(jobs['outplanctl:drift']!.script.join('\n')).toMatch(
      /outplanctl plan .*--detailed-exitcode/,
    );
  });

  it('installs a release tarball only after checking its SHA-256, never by package name', () => {
    const install = doc.default.before_script;
    const at = (re: RegExp) => install.findIndex((l) => re.test(l));
    expect(at(/sha256sum --check --strict/)).toBeGreaterThan(at(/^curl /));
    expect(at(/^npm install --global .*\/tmp\/outplanctl\.tgz$/)).toBeGreaterThan(at(/sha256sum/));
    expect(doc.variables.OUTPLANCTL_TARBALL_URL).toMatch(
      /^https:\/\/github\.com\/OWNER\/outplanctl\/releases\/download\/v\$\{OUTPLANCTL_VERSION\}\//,
    );
    expect(JSON.stringify(doc)).not.toMatch(/outplanctl@/);
  });

  it('never puts a credential in a variable or a command line', () => {
    expect(Object.keys(doc.variables)).not.toContain('VOIPBIN_ACCESSKEY');
    const scripts = Object.values(jobs)
      .flatMap((j) => j.script)
      .join('\n');
    expect(scripts).not.toMatch(/--accesskey|\$VOIPBIN_ACCESSKEY|echo .*TOKEN/);
  });
});

/** A fake of the GitLab notes API: one merge request's notes, paginated like GitLab's. */
class FakeGitlab {
  notes: { id: number; body: string; author: { id: number; username: string } }[] = [];
  requests: string[] = [];
  private next = 1;
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/v4`;
  }

  close = () => new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));

  add(body: string, author = { id: 99, username: 'reviewer' }): void {
    this.notes.push({ id: this.next++, body, author });
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const url = new URL(req.url!, 'http://x');
    this.requests.push(`${req.method} ${url.pathname}`);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.headers['private-token'] !== TOKEN) return send(401, { message: '401 Unauthorized' });
    if (req.method === 'GET' && url.pathname === '/api/v4/user')
      return send(200, { id: 7, username: 'project_42_bot' });
    const m = /^\/api\/v4\/projects\/42\/merge_requests\/5\/notes(?:\/(\d+))?$/.exec(url.pathname);
    if (!m) return send(404, { message: '404 Not found' });
    if (req.method === 'GET') {
      const per = Number(url.searchParams.get('per_page') ?? 20);
      const page = Number(url.searchParams.get('page') ?? 1);
      const slice = this.notes.slice((page - 1) * per, page * per);
      const more = page * per < this.notes.length;
      return send(200, slice, { 'x-next-page': more ? String(page + 1) : '' });
    }
    const { body } = JSON.parse(raw) as { body: string };
    if (req.method === 'POST') {
      this.add(body, { id: 7, username: 'project_42_bot' });
      return send(201, this.notes.at(-1));
    }
    const note = this.notes.find((n) => n.id === Number(m[1]));
    if (req.method === 'PUT' && note) {
      note.body = body;
      return send(200, note);
    }
    return send(404, { message: '404 Not found' });
  }
}

describe('GitLab template: the jobs run against the emulator', { timeout: 120_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'outplanctl-gitlab-'));
  const project = join(root, 'project');
  const bin = join(root, 'bin');
  const gitlab = new FakeGitlab();
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
    await gitlab.start();
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'outplanctl'),
      `#!/bin/sh\nexec "${process.execPath}" "${CLI_PATH}" "$@"\n`,
    );
    chmodSync(join(bin, 'outplanctl'), 0o755);
    cpSync(join(REPO_ROOT, 'examples', 'multi-env', 'production'), join(project, 'outplans'), {
      recursive: true,
    });
  });

  afterAll(async () => {
    await emulator.close();
    await gitlab.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** Runs a job as GitLab does: the variables, then before_script and script in one shell. */
  async function runJob(name: string, extra: Record<string, string> = {}) {
    const job = jobs[name]!;
    const prepare = doc.default.before_script.filter((l) => !isInstallLine(l));
    const script = [...prepare, ...job.script].join('\n');
    return new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
        cwd: project,
        env: {
          PATH: `${bin}:${process.env.PATH ?? ''}`,
          HOME: root,
          NO_COLOR: '1',
          CI: 'true',
          GITLAB_CI: 'true',
          ...doc.variables,
          CI_PROJECT_DIR: project,
          CI_API_V4_URL: gitlab.url,
          CI_PROJECT_ID: '42',
          CI_MERGE_REQUEST_IID: '5',
          CI_PIPELINE_URL: 'https://gitlab.example/acme/dialing/-/pipelines/77',
          CI_JOB_URL: 'https://gitlab.example/acme/dialing/-/jobs/78',
          OUTPLANCTL_GITLAB_TOKEN: TOKEN,
          VOIPBIN_ACCESSKEY: emulator.accessKeys[0]!,
          VOIPBIN_API_URL: emulator.baseUrl,
          ...extra,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60_000,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
  }

  const mine = () => gitlab.notes.filter((n) => n.author.id === 7);

  it('validate passes on the example configuration', async () => {
    const r = await runJob('outplanctl:validate');
    expect(r.code, r.stderr).toBe(0);
  });

  it('merge request: the plan (changes) is saved and posted as one note', async () => {
    // Someone quoting an old plan note, and enough notes to need a second page.
    gitlab.add('> <!-- outplanctl:plan -->\n> <!-- outplanctl:key=default -->\nquoted');
    for (let i = 0; i < 120; i++) gitlab.add(`comment ${i}`);
    const r = await runJob('outplanctl:plan');
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(project, '.outplanctl', 'exit-code'), 'utf8').trim()).toBe('2');
    expect(
      JSON.parse(readFileSync(join(project, '.outplanctl', 'plan.json'), 'utf8')),
    ).toBeTruthy();
    expect(mine()).toHaveLength(1);
    expect(mine()[0]!.body).toMatch(/^<!-- outplanctl:plan -->/);
    expect(mine()[0]!.body).toContain('<!-- outplanctl:key=default -->');
    expect(mine()[0]!.body).toContain('pipelines/77');
    expect(r.stdout).toContain('Created merge-request note');
    expect(gitlab.notes[0]!.body).toContain('quoted');
  });

  it('merge request, next push: the same note is updated, not a second one', async () => {
    const r = await runJob('outplanctl:plan', { CI_PIPELINE_URL: 'https://gitlab.example/p/78' });
    expect(r.code, r.stderr).toBe(0);
    expect(mine()).toHaveLength(1);
    expect(mine()[0]!.body).toContain('/p/78');
    expect(r.stdout).toContain('Updated merge-request note');
    expect(
      gitlab.requests.filter((q) => q.startsWith('GET') && q.endsWith('/notes')).length,
    ).toBeGreaterThan(2);
  });

  it('merge request: a failing plan fails the job and the note says why', async () => {
    const r = await runJob('outplanctl:plan', { VOIPBIN_ACCESSKEY: '', VOIPBIN_TOKEN: '' });
    expect(r.code).toBe(3);
    expect(mine()).toHaveLength(1);
    expect(mine()[0]!.body).toContain('failed (exit code 3)');
    expect(mine()[0]!.body).toContain('VOIPBIN_ACCESSKEY');
  });

  it('merge request without a GitLab token: the plan runs, no note, the job passes', async () => {
    const before = gitlab.requests.length;
    const r = await runJob('outplanctl:plan', { OUTPLANCTL_GITLAB_TOKEN: '' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('OUTPLANCTL_GITLAB_TOKEN is not set');
    expect(gitlab.requests.length).toBe(before);
  });

  it('default branch: apply makes the account match; the report is written', async () => {
    const r = await runJob('outplanctl:apply', { OUTPLANCTL_PLAN_ARGS: '' });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(
      readFileSync(join(project, '.outplanctl', 'apply-report.json'), 'utf8'),
    ) as { calls: unknown[] };
    expect(report.calls.length).toBeGreaterThan(0);
    expect(JSON.stringify(report)).not.toContain(emulator.accessKeys[0]!);
  });

  it('schedule: no drift passes; an out-of-band change fails the job with exit 2 and a report', async () => {
    const clean = await runJob('outplanctl:drift');
    expect(clean.code, clean.stderr).toBe(0);
    const key = emulator.accessKeys[0]!;
    const target = emulator.store.listOutplans(key)[0]!;
    emulator.store.seedOutplan(key, { name: 'made-by-hand' });
    const drifted = await runJob('outplanctl:drift');
    expect(drifted.code).toBe(2);
    expect(drifted.stdout).toContain('Drift - live outplans differ');
    expect(readFileSync(join(project, '.outplanctl', 'drift.md'), 'utf8')).toContain(
      'made-by-hand',
    );
    expect(target.name).toBeTruthy();
  });
});

describe('GitLab template: the install lines', () => {
  const root = mkdtempSync(join(tmpdir(), 'outplanctl-gitlab-install-'));
  let tarball: string;
  let sha256: string;
  let registry: LocalRegistry | undefined;

  beforeAll(async () => {
    registry = await startLocalRegistry(REPO_ROOT);
    const { stdout } = await execFileP(
      'npm',
      ['pack', '--ignore-scripts', '--json', '--pack-destination', root],
      { cwd: REPO_ROOT, env: { ...childEnv(), ...offlineNpmConfig() } },
    );
    tarball = join(root, (JSON.parse(stdout) as { filename: string }[])[0]!.filename);
    sha256 = createHash('sha256').update(readFileSync(tarball)).digest('hex');
  }, 60_000);

  afterAll(async () => {
    await registry?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const install = (sha: string) =>
    new Promise<{ code: number; out: string }>((resolve, reject) => {
      const prefix = join(root, 'global');
      const child = spawn(
        'bash',
        ['--noprofile', '--norc', '-eo', 'pipefail', '-c', doc.default.before_script.join('\n')],
        {
          cwd: root,
          env: {
            ...childEnv(),
            // Dependencies come from a registry on loopback, never the internet.
            ...registry!.npmConfig(),
            npm_config_prefix: prefix,
            PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}`,
            OUTPLANCTL_TARBALL_URL: `file://${tarball}`,
            OUTPLANCTL_SHA256: sha,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
          timeout: 120_000,
        },
      );
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, out }));
    });

  it('refuses a tarball whose SHA-256 does not match, before installing anything', async () => {
    const r = await install('0'.repeat(64));
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/FAILED/);
    expect(r.out).not.toContain('added');
  });

  it('installs the checked tarball and `outplanctl --version` runs', async () => {
    const r = await install(sha256);
    expect(r.code, r.out).toBe(0);
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(r.out).toContain(version);
  }, 120_000);
});
