import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runBuiltCli } from '../helpers/run-cli.js';

describe('help and version', () => {
  it.each(['validate', 'plan', 'apply', 'export', 'emulator'])(
    '`%s --help` shows its flags and an example, exit 0',
    async (command) => {
      const run = await runBuiltCli([command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: outplanctl ${command}`);
      expect(run.stdout).toMatch(/--[a-z]/);
      expect(run.stdout).toMatch(/Example/);
    },
  );

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, 'utf8')) as {
      version: string;
    };
    const run = await runBuiltCli(['--version']);
    expect(run).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('an unknown command or flag is a usage error (exit 3)', async () => {
    expect((await runBuiltCli(['frobnicate'])).code).toBe(3);
    expect((await runBuiltCli(['plan', '--frobnicate'])).code).toBe(3);
  });

  it('a share over 100 % is a usage error, before any request', async () => {
    const run = await runBuiltCli(['plan', 'examples/strategies', '--max-delete-percent', '150']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('from 0 to 100');
  });

  it('commands that need the API say which variables to set (exit 3), without a stack trace', async () => {
    const run = await runBuiltCli(['plan', 'examples/strategies']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('VOIPBIN_ACCESSKEY');
    expect(run.stderr).toContain('VOIPBIN_TOKEN');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses to send credentials over plain http to a non-loopback host', async () => {
    const run = await runBuiltCli(
      ['plan', 'examples/strategies', '--api-url', 'http://api.example.com/v1.0'],
      {
        env: { VOIPBIN_ACCESSKEY: 'vb_never_sent' },
      },
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/https/);
    expect(run.stderr).not.toContain('vb_never_sent');
  });
});
