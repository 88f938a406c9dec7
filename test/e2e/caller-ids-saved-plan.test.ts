import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configOf, outplan, startSession, type E2eSession } from '../helpers/e2e-session.js';

// apply --plan FILE re-checks the caller IDs its calls write: the review judged the numbers
// as they were, and a number released since would be written unseen.
describe('a saved plan whose caller ID changed after the review', () => {
  let s: E2eSession;
  beforeAll(async () => {
    s = await startSession({ numbers: ['+15550000001', '+15550000002:port_pending'] });
    s.write(
      'released/outplans.yaml',
      configOf([outplan('Sales', { source: { type: 'tel', target: '+15550000001' } })]),
    );
    s.write(
      'accepted/outplans.yaml',
      configOf([outplan('Porting', { source: { type: 'tel', target: '+15550000002' } })]),
    );
  });
  afterAll(async () => {
    await s.close();
  });

  it('is refused with exit 4 and no write when a number was released since the plan', async () => {
    const planned = await s.run(['plan', 'released', '--out', 'released.plan.json']);
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stdout).not.toContain('uses caller ID');
    s.emulator.store.deleteNumber('+15550000001');
    s.emulator.resetRequestLog();
    const applied = await s.run(['apply', '--plan', 'released.plan.json']);
    expect(applied.code, applied.stderr).toBe(4);
    expect(applied.stderr).toMatch(
      /no longer usable on the account .*nothing was applied[\s\S]*"Sales" uses caller ID \+15550000001, which is not a number of this account/,
    );
    expect(s.writes()).toEqual([]);
  });

  it('applies, repeating the warning, when the reviewed plan already showed the miss', async () => {
    const planned = await s.run(['plan', 'accepted', '--out', 'accepted.plan.json']);
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stdout).toMatch(/"Porting" uses caller ID \+15550000002.*"port_pending"/);
    const applied = await s.run(['apply', '--plan', 'accepted.plan.json']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toMatch(/warning: .*"Porting" uses caller ID \+15550000002/);
    expect(s.liveRows().map((r) => r.name)).toEqual(['Porting']);
  });
});
