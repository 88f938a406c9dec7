import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configOf, outplan, startSession, type E2eSession } from '../helpers/e2e-session.js';

interface AuditCall {
  action: string;
  name: string;
  id: string | null;
  outcome: string;
  status: number | null;
  request_id: string | null;
  retries: number;
  before: unknown;
  after: unknown;
}

describe('apply under injected faults', () => {
  let s: E2eSession;
  const names = Array.from({ length: 12 }, (_, i) => `Outplan ${String(i).padStart(2, '0')}`);

  beforeAll(async () => {
    s = await startSession({ seed: 7 });
    // Six exist already, so the run mixes creates and updates.
    s.emulator.store.seedOutplans(
      s.key,
      names.slice(0, 6).map((name) => ({
        name,
        detail: 'old',
        source: { type: 'tel', target: '+15559876543' },
        dial_timeout: 30_000,
        try_interval: 7_200_000,
        max_try_count_0: 3,
        max_try_count_1: 2,
      })),
    );
  });
  afterAll(async () => {
    await s.close();
  });

  it('reports every call, retried, adopted and failed, then converges on a re-run without duplicates', async () => {
    s.write('outplans.yaml', configOf(names.map((n) => outplan(n, { dial_timeout: '45s' }))));
    s.emulator.setFaults(
      [
        // Two creates are stored but answered 503: the client must adopt, not duplicate.
        'POST /outplans=commit-then-fail:1:2',
        // One create loses its connection after the row was written.
        'POST /outplans=commit-then-reset:1:1',
        // Dial-info PUTs fail twice, then recover through retries.
        'PUT /outplans/{id}/dial_info=503:1:2',
      ].join(','),
      11,
    );
    const first = await s.run(['apply', 'outplans.yaml', '--yes', '--report', 'audit.json']);
    const audit = JSON.parse(s.read('audit.json')) as {
      calls: AuditCall[];
      summary: Record<string, number>;
    };
    expect(audit.calls).toHaveLength(18);
    expect(audit.calls.filter((c) => c.action === 'create')).toHaveLength(6);
    expect(audit.calls.filter((c) => c.outcome === 'adopted').length).toBeGreaterThanOrEqual(2);
    expect(audit.calls.some((c) => c.retries > 0 && c.outcome === 'succeeded')).toBe(true);
    for (const call of audit.calls) {
      // A connection reset has no response, hence no request id; everything else has one.
      if (call.status !== null) expect(call.request_id, JSON.stringify(call)).toMatch(/^req_/);
      expect(call.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(first.code, first.stderr).toBe(0);

    // No name exists twice: ambiguous creates were adopted, never repeated.
    const live = s.liveRows();
    expect(live).toHaveLength(12);
    expect(new Set(live.map((o) => o.name)).size).toBe(12);

    const again = await s.run(['plan', 'outplans.yaml', '--detailed-exitcode']);
    expect(again.code, again.stdout).toBe(0);
    expect(JSON.stringify(audit)).not.toContain(s.key);
  });

  it('lists failed calls with what succeeded, exits 1, and a re-run converges', async () => {
    s.write('outplans.yaml', configOf(names.map((n) => outplan(n, { dial_timeout: '50s' }))));
    // The first fifteen dial-info attempts fail: one at a time, the first calls exhaust
    // their retries and fail, the rest succeed.
    s.emulator.setFaults('PUT /outplans/{id}/dial_info=500:1:15', 3);
    const failing = await s.run([
      'apply',
      'outplans.yaml',
      '--yes',
      '--concurrency',
      '1',
      '--report',
      'audit.json',
    ]);
    expect(failing.code, failing.stderr).toBe(1);
    expect(failing.stderr).toContain('Succeeded:');
    expect(failing.stderr).toContain('Failed:');
    expect(failing.stderr).toContain('Run apply again to finish');
    const audit = JSON.parse(s.read('audit.json')) as { calls: AuditCall[]; outcome: string };
    expect(audit.outcome).toBe('failed');
    const failed = audit.calls.filter((c) => c.outcome === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const call of failed) {
      expect(call.status).toBe(500);
      expect(call.request_id).toMatch(/^req_/);
      expect(call.retries).toBeGreaterThan(0);
    }
    expect(failing.stdout + failing.stderr + JSON.stringify(audit)).not.toContain(s.key);

    s.emulator.setFaults(undefined);
    const rerun = await s.run(['apply', 'outplans.yaml', '--yes']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(s.liveRows()).toHaveLength(12);
    const plan = await s.run(['plan', 'outplans.yaml', '--detailed-exitcode']);
    expect(plan.code).toBe(0);
  });
});
