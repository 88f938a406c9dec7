import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configOf, outplan, startSession, type E2eSession } from '../helpers/e2e-session.js';
import { CLI_PATH } from '../helpers/run-cli.js';
import { loadWorkflow } from '../workflows/workflow-files.js';

// The nightly drift workflow's "Detect drift" step, run as GitHub runs it (bash -eo
// pipefail) with the built CLI on PATH: a caller ID released after apply changes no outplan
// field, yet the step reports drift, so the issue is opened with the report's warnings.
function detectDriftScript(): string {
  const wf = loadWorkflow('.github/workflows/outplanctl-drift.yml');
  const step = Object.values(wf.doc.jobs)
    .flatMap((job) => job.steps ?? [])
    .find((s) => s.id === 'detect');
  if (!step?.run) throw new Error('no Detect drift step');
  return step.run;
}

describe('the drift workflow surfaces a released caller ID', () => {
  let s: E2eSession;
  let runnerTemp: string;
  const OWNED = '+15550004242';

  beforeAll(async () => {
    s = await startSession({ numbers: [OWNED] });
    s.write(
      'outplans/sales.yaml',
      configOf([outplan('Sales', { source: { type: 'tel', target: OWNED } })]),
    );
    runnerTemp = join(s.dir, '.runner-temp');
    mkdirSync(join(runnerTemp, 'outplanctl'), { recursive: true });
    const bin = join(s.dir, '.bin');
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'outplanctl'),
      `#!/bin/sh\nexec "${process.execPath}" "${CLI_PATH}" "$@"\n`,
    );
    chmodSync(join(bin, 'outplanctl'), 0o755);
    const applied = await s.run(['apply', 'outplans', '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
  });
  afterAll(async () => {
    await s.close();
  });

  // Asynchronous: the emulator answers from this very process.
  const detect = async (label: string) => {
    const output = join(runnerTemp, `output-${label}`);
    writeFileSync(output, '');
    const args = ['--noprofile', '--norc', '-eo', 'pipefail', '-c', detectDriftScript()];
    const child = spawn('bash', args, {
      cwd: s.dir,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        PATH: `${join(s.dir, '.bin')}:${process.env.PATH ?? ''}`,
        NO_COLOR: '1',
        RUNNER_TEMP: runnerTemp,
        GITHUB_OUTPUT: output,
        OUTPLANCTL_PATHS: 'outplans',
        OUTPLANCTL_PLAN_ARGS: '',
        VOIPBIN_API_URL: s.emulator.baseUrl,
        VOIPBIN_ACCESSKEY: s.key,
      },
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    const [status] = (await once(child, 'close')) as [number | null];
    return {
      status,
      stdout,
      outputs: readFileSync(output, 'utf8'),
      report: readFileSync(join(runnerTemp, 'outplanctl', 'drift.md'), 'utf8'),
    };
  };

  it('no drift while the number is active; drift with the warning once it is released', async () => {
    const clean = await detect('clean');
    expect(clean.status, clean.stdout).toBe(0);
    expect(clean.outputs).toContain('drift=false');

    s.emulator.store.deleteNumber(OWNED);
    const released = await detect('released');
    expect(released.status, released.stdout).toBe(0);
    expect(released.outputs).toContain('exit-code=0');
    expect(released.outputs).toContain('drift=true');
    expect(released.stdout).toMatch(/::warning title=outplanctl::Caller IDs/);
    // The issue body is this report.
    expect(released.report).toMatch(/No changes\./);
    expect(released.report).toContain(`Outplan "Sales" uses caller ID ${OWNED}`);
  });
});
