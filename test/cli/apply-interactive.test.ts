import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { configOf, outplan, startSession, type E2eSession } from '../helpers/e2e-session.js';
import { memoryIo } from '../helpers/memory-io.js';

// The terminal paths of apply, run in-process with a scripted prompt and signals.
describe('apply at a terminal', () => {
  let s: E2eSession;
  beforeEach(async () => {
    s = await startSession();
    s.write('outplans.yaml', configOf([outplan('Alpha'), outplan('Bravo')]));
  });
  afterEach(async () => {
    await s.close();
  });

  const env = () => ({ VOIPBIN_API_URL: s.emulator.baseUrl, VOIPBIN_ACCESSKEY: s.key });

  it('applies after "yes"', async () => {
    const io = memoryIo({ env: env(), cwd: s.dir, interactive: true, answers: ['yes'] });
    expect(await runCli(['apply', 'outplans.yaml'], io)).toBe(0);
    expect(io.err()).toContain('Only "yes" will be accepted');
    expect(s.liveRows()).toHaveLength(2);
  });

  it.each([
    ['no', 'no'],
    ['an empty answer (Ctrl-C or Ctrl-D at the prompt)', ''],
  ])('cancels on %s: nothing called, exit 1, the record says so', async (_label, answer) => {
    const io = memoryIo({ env: env(), cwd: s.dir, interactive: true, answers: [answer] });
    expect(await runCli(['apply', 'outplans.yaml', '--report', 'audit.json'], io)).toBe(1);
    expect(io.err()).toContain('Apply cancelled; nothing was changed.');
    expect(s.writes()).toEqual([]);
    const audit = JSON.parse(s.read('audit.json')) as { refusal: { code: string } };
    expect(audit.refusal.code).toBe('CANCELLED');
  });

  it('refuses if the account changed while the prompt waited', async () => {
    s.emulator.store.seedOutplans(s.key, [{ name: 'Charlie', try_interval: 60_000 }]);
    const io = memoryIo({
      env: env(),
      cwd: s.dir,
      interactive: true,
      answers: [
        async () => {
          // A colleague edits Charlie in the console while we read the plan.
          const charlie = s.liveRows().find((o) => o.name === 'Charlie')!;
          await fetch(`${s.emulator.baseUrl}/outplans/${charlie.id}?accesskey=${s.key}`, {
            method: 'PUT',
            body: JSON.stringify({ name: 'Charlie', detail: 'edited' }),
          });
          s.emulator.resetRequestLog();
          return 'yes';
        },
      ],
    });
    expect(await runCli(['apply', 'outplans.yaml'], io)).toBe(4);
    expect(io.err()).toContain('changed while the plan waited for confirmation');
    expect(s.writes()).toEqual([]);
  });

  it('on an interrupt finishes the calls in flight, starts no new ones, and still reports', async () => {
    s.write(
      'outplans.yaml',
      configOf(Array.from({ length: 12 }, (_, i) => outplan(`Outplan ${i}`))),
    );
    let interrupted = false;
    const io = memoryIo({
      env: env(),
      cwd: s.dir,
      onStderr: (chunk, self) => {
        if (!interrupted && chunk.startsWith('[2/')) {
          interrupted = true;
          self.interrupt();
        }
      },
    });
    const code = await runCli(
      ['apply', 'outplans.yaml', '--yes', '--concurrency', '1', '--report', 'audit.json'],
      io,
    );
    expect(code).toBe(1);
    expect(io.err()).toContain('finishing the calls in flight');
    expect(io.err()).toContain('Not started (interrupted)');
    const audit = JSON.parse(s.read('audit.json')) as {
      outcome: string;
      calls: { outcome: string; error: { code: string } | null }[];
    };
    const done = audit.calls.filter((c) => c.outcome === 'succeeded');
    const skipped = audit.calls.filter((c) => c.outcome === 'skipped');
    expect(done.length).toBeGreaterThanOrEqual(2);
    expect(skipped.length).toBeGreaterThan(0);
    expect(done.length + skipped.length).toBe(12);
    expect(skipped.every((c) => c.error?.code === 'INTERRUPTED')).toBe(true);
    expect(s.liveRows()).toHaveLength(done.length);
  });

  it('an unwritable --report is a usage error before any request', async () => {
    const io = memoryIo({ env: env(), cwd: s.dir });
    s.emulator.resetRequestLog();
    expect(
      await runCli(['apply', 'outplans.yaml', '--yes', '--report', 'no/such/dir/a.json'], io),
    ).toBe(3);
    expect(io.err()).toContain('Cannot write --report');
    expect(s.emulator.requests).toEqual([]);
    expect(existsSync(join(s.dir, 'no'))).toBe(false);
  });

  it('refuses a saved plan made against another API, or edited after review', async () => {
    const plan = memoryIo({ env: env(), cwd: s.dir });
    expect(await runCli(['plan', 'outplans.yaml', '--out', 'plan.json'], plan)).toBe(0);

    const other = memoryIo({
      env: { ...env(), VOIPBIN_API_URL: 'http://127.0.0.2:9/v1.0' },
      cwd: s.dir,
    });
    expect(await runCli(['apply', '--plan', 'plan.json'], other)).toBe(4);
    expect(other.err()).toContain('was made against');

    s.write('plan.json', s.read('plan.json').replace('"Alpha"', '"Alpha2"'));
    const edited = memoryIo({ env: env(), cwd: s.dir });
    s.emulator.resetRequestLog();
    expect(await runCli(['apply', '--plan', 'plan.json'], edited)).toBe(4);
    expect(edited.err()).toContain('checksum');
    expect(s.emulator.requests).toEqual([]);
  });
});
