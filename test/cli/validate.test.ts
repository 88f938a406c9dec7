import { describe, expect, it } from 'vitest';
import { runBuiltCli } from '../helpers/run-cli.js';

// Runs dist/: `npm run build` first.
describe('outplanctl validate (built CLI)', () => {
  it('exits 0 on the examples and says so on stdout', async () => {
    const run = await runBuiltCli(['validate', 'examples/']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Valid: \d+ outplans in \d+ files, 0 warnings\.\n$/);
  });

  it('exits 3 with every problem as path:line:col on stderr', async () => {
    const run = await runBuiltCli(['validate', 'test/fixtures/config/diagnostics/values.yaml']);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n').filter((l) => /^\S+:\d+:\d+: (error|warning): /.test(l));
    expect(lines).toHaveLength(14);
    expect(run.stderr).toContain(
      'test/fixtures/config/diagnostics/values.yaml:3:19: error: outplans[0].dial_timeout: bare number 30 has no unit [bare-number-duration]\n  hint: Write 30s for 30 seconds, or 30ms (VoIPBIN stores milliseconds).\n',
    );
    expect(run.stderr).toMatch(/Invalid: 14 errors, 0 warnings in 1 file\.\n$/);
  });

  it('warnings keep exit 0; --strict makes them errors (exit 3)', async () => {
    const file = 'test/fixtures/config/diagnostics/warnings.yaml';
    const relaxed = await runBuiltCli(['validate', file]);
    expect(relaxed.code).toBe(0);
    expect(relaxed.stderr).toContain('warning: 3 outplans');
    expect(relaxed.stdout).toBe('Valid: 5 outplans in 1 file, 4 warnings.\n');
    const strict = await runBuiltCli(['validate', '--strict', file]);
    expect(strict.code).toBe(3);
    expect(strict.stderr).toContain('error: 3 outplans');
  });

  it('--format json prints one JSON document on stdout', async () => {
    const run = await runBuiltCli([
      'validate',
      '--format',
      'json',
      'test/fixtures/config/diagnostics/dup',
    ]);
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      format_version: 1,
      valid: false,
      summary: { errors: 2, warnings: 0, files: 2 },
    });
    expect(report.diagnostics.map((d: { code: string; line: number }) => [d.code, d.line])).toEqual(
      [
        ['duplicate-id', 4],
        ['duplicate-name', 8],
      ],
    );
  });

  it('prints GitHub annotations when GITHUB_ACTIONS=true', async () => {
    const file = 'test/fixtures/config/diagnostics/missing-interval.yaml';
    const run = await runBuiltCli(['validate', file], { env: { GITHUB_ACTIONS: 'true' } });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain(
      `::error file=${file},line=4,col=5,title=outplanctl missing-field::outplans[0] is missing required field \`try_interval\`%0A`,
    );
    const json = await runBuiltCli(['validate', '--format', 'json', file], {
      env: { GITHUB_ACTIONS: 'true' },
    });
    expect(() => JSON.parse(json.stdout)).not.toThrow();
    expect(json.stderr).toContain('::error file=');
    const local = await runBuiltCli(['validate', file]);
    expect(local.stdout + local.stderr).not.toContain('::error');
  });

  it('a missing path and an unknown format are usage problems: exit 3', async () => {
    const missing = await runBuiltCli(['validate', 'no/such/dir']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain(
      'error: no/such/dir: no such file or directory [missing-path]',
    );
    const format = await runBuiltCli(['validate', '--format', 'xml', 'examples']);
    expect(format.code).toBe(3);
  });

  it('hostile input gives a diagnostic, never a stack trace', async () => {
    const run = await runBuiltCli(['validate', 'test/fixtures/config/hostile']);
    expect(run.code).toBe(3);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).toContain('[alias-bomb]');
    expect(run.stderr).toContain('[not-a-mapping]');
  });
});
