import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configOf, outplan, startSession, type E2eSession } from '../helpers/e2e-session.js';

// Caller IDs VoIPBIN would silently replace (issue 14): caught at plan time, through the
// built CLI, against the emulator's GET /numbers.
const OWNED = '+15550000001';
const INACTIVE = '+15550000002';
const VIRTUAL = '+899000000001';
const FOREIGN = '+15550000003';

const MIXED = configOf([
  outplan('Owned', { source: { type: 'tel', target: OWNED } }),
  outplan('Inactive', { source: { type: 'tel', target: INACTIVE } }),
  outplan('Virtual', { source: { type: 'tel', target: VIRTUAL } }),
  outplan('Foreign', { source: { type: 'tel', target: FOREIGN } }),
  outplan('Sip', { source: { type: 'sip', target: 'sip:sales@example.com' } }),
]);
const POLICY = 'policy:\n  require_owned_caller_ids: true\n';

interface JsonPlan {
  warnings: { code: string; message: string; at: { file: string; line: number } | null }[];
  summary?: unknown;
}

/** The emulator logs paths with their /v1.0 prefix. */
const isNumbers = (path: string) => /^\/v1\.0\/numbers(\/|$)/.test(path);
const numbersRequests = (s: E2eSession) => s.emulator.requests.filter((r) => isNumbers(r.path));

describe('caller IDs against the account numbers', () => {
  let s: E2eSession;
  beforeAll(async () => {
    s = await startSession({
      numbers: [OWNED, `${INACTIVE}:inactive`, `${VIRTUAL}:virtual`],
    });
    s.write('mixed/outplans.yaml', MIXED);
    s.write('strict/outplans.yaml', MIXED);
    s.write('strict/policy.yaml', POLICY);
    s.write(
      'sip/outplans.yaml',
      configOf([outplan('Sip Only', { source: { type: 'sip', target: 'sip:a@example.com' } })]),
    );
  });
  afterAll(async () => {
    await s.close();
  });
  beforeEach(() => {
    s.emulator.setFaults(undefined);
    s.emulator.resetRequestLog();
  });

  it('plan warns about every kind of miss, at the source, in text, JSON and Markdown', async () => {
    const text = await s.run(['plan', 'mixed']);
    expect(text.code, text.stderr).toBe(0);
    const lines = text.stdout.split('\n').filter((l) => l.includes('uses caller ID'));
    expect(lines).toEqual([
      expect.stringMatching(
        /"Inactive" uses caller ID \+15550000002, a number of this account whose status is "inactive".*silently use the account's default outbound number.*\(mixed\/outplans\.yaml:\d+:\d+\)/,
      ),
      expect.stringMatching(/"Virtual" uses caller ID \+899000000001, a virtual number/),
      expect.stringMatching(
        /"Foreign" uses caller ID \+15550000003, which is not a number of this account/,
      ),
    ]);
    expect(text.stdout).not.toMatch(/"Owned" uses caller ID|"Sip" uses caller ID/);

    const json = await s.run(['plan', 'mixed', '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const plan = JSON.parse(json.stdout) as JsonPlan;
    const callerIds = plan.warnings.filter((w) => w.code.startsWith('caller-id-'));
    expect(callerIds.map((w) => w.code)).toEqual([
      'caller-id-not-active',
      'caller-id-virtual',
      'caller-id-not-owned',
    ]);
    expect(callerIds.every((w) => w.at?.file === 'mixed/outplans.yaml')).toBe(true);

    const md = await s.run(['plan', 'mixed', '--format', 'markdown']);
    expect(md.code, md.stderr).toBe(0);
    for (const code of ['caller-id-not-active', 'caller-id-virtual', 'caller-id-not-owned'])
      expect(md.stdout).toContain(`<code>${code}</code>`);
    expect(md.stdout).toContain('+15550000003');
  });

  for (const command of [['plan'], ['apply', '--yes']]) {
    it(`policy: ${command[0]} names every outplan and number, exits 3, writes nothing`, async () => {
      const run = await s.run([...command, 'strict']);
      expect(run.code, run.stderr).toBe(3);
      const violations = run.stderr
        .split('\n')
        .filter((l) => l.startsWith('strict/') && l.includes('policy.require_owned_caller_ids'));
      expect(violations).toEqual([
        expect.stringMatching(
          /^strict\/outplans\.yaml:\d+:\d+: error: .*"Inactive".*\+15550000002/,
        ),
        expect.stringMatching(
          /^strict\/outplans\.yaml:\d+:\d+: error: .*"Virtual".*\+899000000001/,
        ),
        expect.stringMatching(/^strict\/outplans\.yaml:\d+:\d+: error: .*"Foreign".*\+15550000003/),
      ]);
      expect(run.stderr).toContain('declared at strict/policy.yaml:2:29');
      expect(run.stderr).toContain('3 caller IDs break policy.require_owned_caller_ids');
      expect(s.writes()).toEqual([]);
    });
  }

  it('numbers that cannot be listed (retries exhausted): a warning without the policy', async () => {
    s.emulator.setFaults('GET /numbers=503:1');
    const run = await s.run(['plan', 'mixed', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/warning: .*numbers could not be listed.*503/i);
    const plan = JSON.parse(run.stdout) as JsonPlan;
    expect(plan.warnings.filter((w) => w.code.startsWith('caller-id-'))).toEqual([
      expect.objectContaining({
        code: 'caller-id-unverified',
        message: expect.stringMatching(/caller IDs of 4 outplans could not be verified/),
      }),
    ]);
  }, 60_000);

  it('numbers that cannot be listed under the policy: exit 1, nothing written', async () => {
    s.emulator.setFaults('GET /numbers=503:1');
    const run = await s.run(['apply', 'strict', '--yes']);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(
      /error: The account's numbers could not be listed .*cannot be verified as policy\.require_owned_caller_ids requires; nothing was changed/,
    );
    expect(s.writes()).toEqual([]);
  }, 60_000);

  it('sip sources alone: no GET /numbers at all', async () => {
    const run = await s.run(['plan', 'sip', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(numbersRequests(s)).toEqual([]);
    expect(s.emulator.requests.length).toBeGreaterThan(0); // the outplans were listed
    // ...while the same account with a tel source is checked.
    s.emulator.resetRequestLog();
    expect((await s.run(['plan', 'mixed'])).code).toBe(0);
    expect(numbersRequests(s).length).toBeGreaterThan(0);
    const plan = JSON.parse(run.stdout) as JsonPlan;
    expect(plan.warnings.filter((w) => w.code.startsWith('caller-id-'))).toEqual([]);
  });
});

describe('a caller ID released after apply (the nightly drift run)', () => {
  let s: E2eSession;
  beforeAll(async () => {
    s = await startSession({ numbers: [OWNED, '+15550000009'] });
    s.write(
      'account/outplans.yaml',
      configOf([
        outplan('Sales', { source: { type: 'tel', target: OWNED } }),
        outplan('Alerts', { source: { type: 'tel', target: '+15550000009' } }),
      ]),
    );
    s.write(
      'strict/outplans.yaml',
      configOf([outplan('Sales', { source: { type: 'tel', target: OWNED } })]),
    );
    s.write('strict/policy.yaml', POLICY);
  });
  afterAll(async () => {
    await s.close();
  });

  it('shows up in plan --detailed-exitcode and its Markdown although no field changed', async () => {
    const applied = await s.run(['apply', 'account', '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    const before = await s.run(['plan', 'account', '--detailed-exitcode', '--format', 'markdown']);
    expect(before.code, before.stderr).toBe(0);
    expect(before.stdout).not.toContain('caller-id-');

    // The renewal job releases one number, and someone deactivates the other.
    s.emulator.store.deleteNumber(OWNED);
    s.emulator.store.setNumberStatus('+15550000009', 'inactive');
    const after = await s.run(['plan', 'account', '--detailed-exitcode', '--format', 'markdown']);
    // Nothing to apply (exit 0: an apply could not fix it); the report the drift workflow
    // posts carries the warnings, and the workflow opens its issue on them.
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toMatch(/<code>caller-id-not-owned<\/code>/);
    expect(after.stdout).toMatch(/<code>caller-id-not-active<\/code>/);
    expect(after.stdout).toContain('+15550000001');
    expect(after.stdout).toContain('Outplan "Sales" uses caller ID');
  });

  it('under the policy, the next plan fails (exit 3) naming the released number', async () => {
    s.emulator.resetRequestLog();
    const run = await s.run(['plan', 'strict', '--detailed-exitcode']);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toMatch(
      /"Sales" uses caller ID \+15550000001, which is not a number of this account/,
    );
    expect(s.writes()).toEqual([]);
  });
});

describe('an account whose caller IDs are all fine', () => {
  let s: E2eSession;
  const NUMBERS = 250;
  const numberOf = (i: number) => `+1555100${String(i).padStart(4, '0')}`;
  beforeAll(async () => {
    s = await startSession({ maxRequestLog: 100_000 });
    s.emulator.store.seedNumbers(
      s.key,
      Array.from({ length: NUMBERS }, (_, i) => ({ number: numberOf(i) })),
    );
    s.write(
      'outplans.yaml',
      configOf(
        Array.from({ length: 30 }, (_, i) =>
          outplan(`Line ${i}`, { source: { type: 'tel', target: numberOf(i * 7) } }),
        ),
      ),
    );
  });
  afterAll(async () => {
    await s.close();
  });

  it(`plans with at most ceil(${NUMBERS}/100)+1 extra requests and no caller-ID warning`, async () => {
    const run = await s.run(['plan', '.', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(run.stdout) as JsonPlan;
    expect(plan.warnings.filter((w) => w.code.startsWith('caller-id-'))).toEqual([]);
    const numbers = numbersRequests(s);
    expect(numbers.every((r) => r.method === 'GET' && r.path === '/v1.0/numbers')).toBe(true);
    expect(numbers.every((r) => r.status === 200)).toBe(true);
    expect(numbers.length).toBeGreaterThanOrEqual(Math.ceil(NUMBERS / 100));
    expect(numbers.length).toBeLessThanOrEqual(Math.ceil(NUMBERS / 100) + 1);
    // Everything else is the outplan listing the plan made anyway (an empty account: one page).
    expect(s.emulator.requests.filter((r) => !isNumbers(r.path))).toEqual([
      { method: 'GET', path: '/v1.0/outplans', status: 200 },
    ]);
  });
});
