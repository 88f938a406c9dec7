import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { createSavedPlan, parseSavedPlan, serializeSavedPlan } from '../../src/plan/index.js';
import { VoipbinClient } from '../../src/api/index.js';
import { configOf, outplan, startSession, type E2eSession } from '../helpers/e2e-session.js';
import { memoryIo } from '../helpers/memory-io.js';

// A saved plan is applied only under the rules it was reviewed under, and only if it fits.
describe('what apply --plan trusts', () => {
  let s: E2eSession;
  const names = ['A', 'B', 'C', 'D', 'E'];
  beforeEach(async () => {
    s = await startSession();
    s.emulator.store.seedOutplans(
      s.key,
      names.map((name) => ({
        name,
        detail: 'old',
        dial_timeout: 30_000,
        try_interval: 7_200_000,
        max_try_count_0: 1,
      })),
    );
  });
  afterEach(async () => {
    await s.close();
  });
  const run = async (argv: string[]) => {
    const io = memoryIo({
      env: { VOIPBIN_API_URL: s.emulator.baseUrl, VOIPBIN_ACCESSKEY: s.key },
      cwd: s.dir,
    });
    return { code: await runCli(argv, io), err: io.err() };
  };

  it('an override given to plan must be given to apply too; a stricter share at plan time stays', async () => {
    s.write(
      'one.yaml',
      configOf([
        outplan('A', {
          detail: 'old',
          try_interval: '2h',
          dial_timeout: '30s',
          max_try_count_0: 1,
          max_try_count_1: 0,
          source: {},
        }),
      ]),
    );
    expect(
      (await run(['plan', 'one.yaml', '--prune', '--allow-mass-delete', '--out', 'plan.json']))
        .code,
    ).toBe(0);
    s.emulator.resetRequestLog();
    const without = await run(['apply', '--plan', 'plan.json']);
    expect(without.code).toBe(4);
    expect(without.err).toContain('--allow-mass-delete');
    expect(s.writes()).toEqual([]);
    expect((await run(['apply', '--plan', 'plan.json', '--allow-mass-delete'])).code).toBe(0);
    expect(s.liveRows().map((o) => o.name)).toEqual(['A']);
  });

  it('a plan reviewed under a 45 % limit is refused when apply asks for 35 % (one delete is never a mass delete, so this deletes two of five)', async () => {
    s.write(
      'four.yaml',
      configOf(
        names
          .slice(0, 3)
          .map((n) =>
            outplan(n, { detail: 'old', source: {}, max_try_count_0: 1, max_try_count_1: 0 }),
          ),
      ),
    );
    expect(
      (
        await run([
          'plan',
          'four.yaml',
          '--prune',
          '--max-delete-percent',
          '45',
          '--out',
          'plan.json',
        ])
      ).code,
    ).toBe(0);
    expect((await run(['apply', '--plan', 'plan.json', '--max-delete-percent', '35'])).code).toBe(
      4,
    );
    expect((await run(['apply', '--plan', 'plan.json', '--max-delete-percent', '50'])).code).toBe(
      0,
    );
  });

  it('refuses a re-checksummed plan whose calls do not fit the live account', async () => {
    s.write(
      'a.yaml',
      configOf([
        ...names.map((n) =>
          outplan(n, {
            detail: n === 'A' ? 'new' : 'old',
            source: {},
            max_try_count_0: 1,
            max_try_count_1: 0,
          }),
        ),
      ]),
    );
    expect((await run(['plan', 'a.yaml', '--out', 'plan.json'])).code).toBe(0);
    const saved = parseSavedPlan(s.read('plan.json'));
    const [change] = saved.plan.changes;
    if (change?.action !== 'update') throw new Error('expected one update');
    // Claim the live outplan was something else, and recompute the checksum: integrity
    // checks alone would accept this file.
    const forged = { ...change, before: { ...change.before, detail: 'forged' } };
    const client = new VoipbinClient({
      baseUrl: s.emulator.baseUrl,
      credential: { kind: 'accesskey', value: s.key },
    });
    const live = await client.listOutplans();
    await client.close();
    s.write(
      'forged.json',
      serializeSavedPlan(
        createSavedPlan({
          plan: { ...saved.plan, changes: [forged] },
          apiUrl: saved.api_url,
          configDigest: saved.config_digest,
          live,
          prune: false,
          toolVersion: 'forger',
          createdAt: saved.created_at,
        }),
      ),
    );
    s.emulator.resetRequestLog();
    const result = await run(['apply', '--plan', 'forged.json']);
    expect(result.code).toBe(4);
    expect(result.err).toContain('does not fit the live account');
    expect(s.writes()).toEqual([]);
  });
});
