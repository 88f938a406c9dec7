import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configOf, outplan, startSession, type E2eSession } from '../helpers/e2e-session.js';
import { REPO_ROOT, runBuiltCli } from '../helpers/run-cli.js';

const ESC = '\u001b';
/** What follows an ESC in a chunk split at ESC, without its `[NNm` colour sequence. */
const stripSgr = (chunk: string) => chunk.replace(/^\[\d+m/, '');

// Habits people bring from Terraform and octoDNS, through the built CLI.
describe('command-line conventions (built CLI)', () => {
  let s: E2eSession;

  beforeAll(async () => {
    s = await startSession();
    s.write('outplans/main.yaml', configOf([outplan('Sales')]));
  });
  afterAll(async () => {
    await s.close();
  });

  it.each([
    [['plan', '-detailed-exitcode'], '--detailed-exitcode'],
    [['apply', '-prune', '-yes'], '--prune'],
    [['apply', '-yes'], '--yes'],
    [['validate', '-strict'], '--strict'],
    [['plan', '-out=plan.json'], '--out=plan.json'],
    [['-debug', 'plan'], '--debug'],
    [['list', '-help'], '--help'],
    [['-no-color', 'list'], '--no-color'],
  ])(
    '%j is a usage error that names the double-dash option, before any request',
    async (args, fix) => {
      s.emulator.resetRequestLog();
      const run = await s.run(args);
      expect(run.code).toBe(3);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        /^error: unknown option '-[a-z-]+(=\S+)?': long options take two dashes\.\n/,
      );
      expect(run.stderr).toContain(`Did you mean ${fix}?`);
      expect(s.emulator.requests).toEqual([]);
    },
  );

  it('a single-dash word that is a value or after `--` is left alone', async () => {
    // `--out -prune` names a file called "-prune" (odd, but what the user typed).
    const run = await s.run(['plan', '--out', '-prune']);
    expect(run.code, run.stderr).toBe(0);
    expect(s.read('-prune')).toContain('"kind": "outplanctl-saved-plan"');
  });

  it.each(['show', 'list'])('`%s --help` shows its flags and an example, exit 0', async (cmd) => {
    const run = await runBuiltCli([cmd, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: outplanctl ${cmd}`);
    expect(run.stdout).toContain('--format');
    expect(run.stdout).toContain(`Examples:\n  outplanctl ${cmd}`);
  });

  it('`outplanctl version` prints exactly what `--version` prints', async () => {
    const { version } = JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, 'utf8')) as {
      version: string;
    };
    const word = await runBuiltCli(['version']);
    const flag = await runBuiltCli(['--version']);
    expect(word).toEqual(flag);
    expect(word).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('--no-color works like NO_COLOR, also over FORCE_COLOR, wherever it is placed', async () => {
    await s.run(['plan', '--out', 'plan.json']);
    const coloured = await runBuiltCli(['show', 'plan.json'], {
      cwd: s.dir,
      env: { FORCE_COLOR: '1', NO_COLOR: '' },
    });
    expect(coloured.stdout).toContain('\x1b[');
    for (const args of [
      ['--no-color', 'show', 'plan.json'],
      ['show', 'plan.json', '--no-color'],
    ]) {
      const plain = await runBuiltCli(args, {
        cwd: s.dir,
        env: { FORCE_COLOR: '1', NO_COLOR: '' },
      });
      expect(plain.code).toBe(0);
      expect(plain.stdout).not.toContain('\x1b');
      expect(plain.stdout).toBe(coloured.stdout.split(ESC).map(stripSgr).join(''));
    }
  });

  it('every error starts with `error:`: commander usage errors, typed errors, config errors', async () => {
    s.write('bad/bad.yaml', configOf([outplan('Bad', { try_interval: 'soon' })]));
    const cases: { args: string[]; env?: Record<string, string>; code: number }[] = [
      { args: ['frobnicate'], code: 3 },
      { args: ['plan', '--frobnicate'], code: 3 },
      { args: ['show'], code: 3 }, // missing argument
      { args: ['list', '--format', 'xml'], code: 3 }, // invalid choice
      { args: ['plan', '--rate', 'fast'], code: 3 },
      { args: ['list'], env: { VOIPBIN_ACCESSKEY: '' }, code: 3 }, // no credentials
      { args: ['plan', 'bad/'], code: 3 }, // config error: diagnostics, then the summary error
      { args: ['show', 'missing.json'], code: 3 },
    ];
    for (const { args, env, code } of cases) {
      const run = await s.run(args, env);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(code);
      const errorLines = run.stderr.split('\n').filter((line) => /error/i.test(line.slice(0, 8)));
      expect(errorLines.length, `${args.join(' ')}: ${run.stderr}`).toBeGreaterThan(0);
      for (const line of errorLines) expect(line).toMatch(/^error: /);
      expect(run.stderr).not.toMatch(/^Error/m);
    }
  });
});

// With no path, the config is ./outplans/, never every YAML file in the working directory.
describe('default config path (built CLI)', () => {
  let s: E2eSession;

  beforeAll(async () => {
    s = await startSession();
    // What a repository root holds besides the config: none of it is an outplan.
    s.write('docker-compose.yml', 'services:\n  app:\n    image: nginx\n');
    s.write('.github/workflows/ci.yml', 'on: push\njobs: {}\n');
    s.write('old-export.yaml', configOf([outplan('Stale Export')]));
  });
  afterAll(async () => {
    await s.close();
  });

  it.each([['validate'], ['plan'], ['apply', '--yes']])(
    '`%s` with no path and no ./outplans/ is a usage error naming the convention, nothing read or called',
    async (...args) => {
      s.emulator.resetRequestLog();
      const run = await s.run(args);
      expect(run.code).toBe(3);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(
        'error: No config paths given and there is no ./outplans/ directory here.',
      );
      expect(run.stderr).toContain('create outplans/ or pass the paths');
      expect(run.stderr).not.toContain('docker-compose');
      expect(s.emulator.requests).toEqual([]);
    },
  );

  it('with ./outplans/, no path reads only it: validate, plan and apply', async () => {
    s.write('outplans/sales.yaml', configOf([outplan('Sales'), outplan('Support')]));
    const validate = await s.run(['validate']);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout).toBe('Valid: 2 outplans in 1 file, 0 warnings.\n');
    const plan = await s.run(['plan']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('Plan: 2 to create');
    expect(plan.stdout).not.toContain('Stale Export');
    const apply = await s.run(['apply', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(
      s
        .liveRows()
        .map((r) => r.name)
        .sort(),
    ).toEqual(['Sales', 'Support']);
    // An explicit path still reads exactly what it names.
    const explicit = await s.run(['validate', 'old-export.yaml']);
    expect(explicit.stdout).toBe('Valid: 1 outplan in 1 file, 0 warnings.\n');
  });

  it('a file named outplans is not the config directory', async () => {
    const s2 = await startSession();
    try {
      s2.write('outplans', 'not a directory\n');
      const run = await s2.run(['validate']);
      expect(run.code).toBe(3);
      expect(run.stderr).toContain('./outplans is not a directory');
      expect(run.stderr).toContain('create outplans/ or pass the paths');
    } finally {
      await s2.close();
    }
  });
});
