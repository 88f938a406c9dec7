/**
 * Transient faults should not need a second run: against the emulator's fault mix (15 %
 * 500s and 3 % resets on every route, 30 % of creates stored and then answered 503), one
 * apply of 60 outplans converges, exits 0, and leaves no duplicate.
 */
import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configOf, outplan, startSession, type E2eSession } from '../helpers/e2e-session.js';
import { secondsSince } from '../helpers/fake-servers/scripted-api.js';

const FAULT_MIX = ['POST /outplans=commit-then-fail:0.3', '*=500:0.15', '*=reset:0.03'].join(',');

describe('one apply under the fault mix', () => {
  let s: E2eSession;
  beforeAll(async () => {
    s = await startSession({ seed: 11 });
  });
  afterAll(async () => {
    await s.close();
  });

  it('creates 60 outplans in one run, exit 0, no duplicates', async () => {
    const names = Array.from({ length: 60 }, (_, i) => `Fault mix ${String(i).padStart(2, '0')}`);
    s.write('outplans.yaml', configOf(names.map((name) => outplan(name))));
    s.emulator.setFaults(FAULT_MIX, 2026);
    const started = performance.now();
    const run = await s.run(['apply', 'outplans.yaml', '--yes', '--report', 'report.json']);
    const seconds = secondsSince(started);
    s.emulator.setFaults(undefined);
    const faulted = s.emulator.requests.filter((r) => r.status >= 500).length;
    if (process.env.TRUST_TABLE) {
      appendFileSync(
        process.env.TRUST_TABLE,
        `${JSON.stringify({ label: `fault mix, 60 creates (${faulted} 5xx answers)`, code: run.code, seconds, writes: s.writes().length })}\n`,
      );
    }
    expect(run.stderr).not.toContain('Error:');
    expect(run.code).toBe(0);
    const live = s.liveRows();
    expect(live.map((o) => o.name).sort()).toEqual(names);
    expect(faulted).toBeGreaterThan(10);
    expect(seconds).toBeLessThan(150);
    // ~25 s alone; the whole suite on two shared cores can double it.
  }, 180_000);
});
