import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession, type E2eSession } from '../helpers/e2e-session.js';

// A team's dialing policy stops non-compliant changes before anything is called.
describe('compliance policy through plan and apply', () => {
  let s: E2eSession;
  beforeAll(async () => {
    s = await startSession();
    s.write(
      'policy.yaml',
      [
        'policy:',
        '  dial_timeout: { min: 20s, max: 60s }',
        '  try_interval: { min: 30m }',
        '  max_try_count: { max: 5 }',
        '  caller_ids: ["+15559876543", "+1555000*"]',
        '',
      ].join('\n'),
    );
    s.write(
      'outplans.yaml',
      [
        'outplans:',
        '  - name: Too Eager',
        '    source: { type: tel, target: "+15550001234" }',
        '    dial_timeout: 90s',
        '    try_interval: 5m',
        '    max_try_count_0: 9',
        '  - name: Foreign Caller',
        '    source: { type: tel, target: "+14440001234" }',
        '    dial_timeout: 30s',
        '    try_interval: 1h',
        '    max_try_count_0: 3',
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await s.close();
  });

  for (const command of [['plan'], ['apply', '--yes']]) {
    it(`${command[0]} reports every violation at its field with the rule, exit 3, nothing called`, async () => {
      s.emulator.resetRequestLog();
      const run = await s.run([...command, '.']);
      expect(run.code).toBe(3);
      const lines = run.stderr.split('\n').filter((l) => l.includes('policy-violation'));
      expect(lines).toEqual([
        expect.stringMatching(/^outplans\.yaml:4:19: error: .*policy\.dial_timeout\.max/),
        expect.stringMatching(/^outplans\.yaml:5:19: error: .*policy\.try_interval\.min/),
        expect.stringMatching(/^outplans\.yaml:6:22: error: .*policy\.max_try_count\.max/),
        expect.stringMatching(/^outplans\.yaml:8:13: error: .*\+14440001234.*policy\.caller_ids/),
      ]);
      // Each names where the rule is declared.
      expect(run.stderr).toContain('declared at policy.yaml:2:34');
      expect(run.stderr).toContain('declared at policy.yaml:3:24');
      expect(s.writes()).toEqual([]);
    });
  }
});
