import { afterEach, describe, expect, it } from 'vitest';
import { CallerIdsUnverifiedError } from '../../src/app/caller-id-check.js';
import { openPlanSession, type OutplanApi, type PlanDeps } from '../../src/app/index.js';
import { ConfigError } from '../../src/model/errors.js';
import { configOf, outplan } from '../helpers/e2e-session.js';
import { recordingHost, startAppHarness, type AppHarness } from '../helpers/app-harness.js';

// The plan session's caller-ID read, in this process: when it runs, what it costs, and how
// the policy judges what it found.
describe('caller IDs in the plan session', () => {
  let h: AppHarness;
  afterEach(async () => {
    await h.close();
  });
  const request = (paths = ['outplans.yaml']) => ({
    paths,
    prune: false,
    strict: false,
    apiUrl: h.emulator.baseUrl,
  });
  const depsOf = (api: OutplanApi, host = recordingHost()): PlanDeps => ({
    api,
    config: h.config,
    host,
  });

  it('lists the numbers while the outplans are still being listed (no extra wall time)', async () => {
    h = await startAppHarness({ numbers: ['+15559876543'] });
    h.write('outplans.yaml', configOf([outplan('Alpha')]));
    const client = h.client;
    let numbersStarted!: () => void;
    const numbersListed = new Promise<void>((resolve) => (numbersStarted = resolve));
    // The outplan listing finishes only once the numbers listing has begun: run one after
    // the other, this would fail after the timeout instead.
    const api: OutplanApi = {
      listCampaigns: () => client.listCampaigns(),
      createOutplan: (...args) => client.createOutplan(...args),
      updateBasic: (...args) => client.updateBasic(...args),
      updateDialInfo: (...args) => client.updateDialInfo(...args),
      deleteOutplan: (...args) => client.deleteOutplan(...args),
      listNumbers: () => {
        numbersStarted();
        return client.listNumbers();
      },
      listOutplans: async () => {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('numbers were not listed meanwhile')), 10_000);
        });
        try {
          await Promise.race([numbersListed, late]);
        } finally {
          clearTimeout(timer);
        }
        return client.listOutplans();
      },
    };
    const session = await openPlanSession(request(), depsOf(api));
    expect(session.numbers.kind).toBe('listed');
    expect(session.plan.warnings.filter((w) => w.code.startsWith('caller-id-'))).toEqual([]);
  });

  it('judges under the policy: a miss is a policy violation at the source (ConfigError, exit 3)', async () => {
    h = await startAppHarness({ numbers: ['+15559876543:inactive'] });
    h.write('outplans.yaml', configOf([outplan('Alpha')]));
    h.write('policy.yaml', 'policy: { require_owned_caller_ids: true }\n');
    const error = await openPlanSession(
      request(['outplans.yaml', 'policy.yaml']),
      depsOf(h.client),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const [violation] = (error as ConfigError).diagnostics;
    expect(violation).toMatchObject({
      severity: 'error',
      code: 'policy-violation',
      at: { file: 'outplans.yaml', line: 3 },
      related: [{ file: 'policy.yaml', line: 1 }],
    });
    expect(violation?.message).toMatch(/"Alpha" uses caller ID \+15559876543.*"inactive"/);
    expect(h.writes()).toEqual([]);
  });

  it('a listing that fails is an exit-1 error under the policy and one warning without', async () => {
    h = await startAppHarness({ faults: 'GET /numbers=500:1' });
    h.write('outplans.yaml', configOf([outplan('Alpha')]));
    h.write('policy.yaml', 'policy: { require_owned_caller_ids: true }\n');
    const strict = await openPlanSession(
      request(['outplans.yaml', 'policy.yaml']),
      depsOf(h.client),
    ).catch((e: unknown) => e);
    expect(strict).toBeInstanceOf(CallerIdsUnverifiedError);
    expect((strict as CallerIdsUnverifiedError).kind).toBe('api');

    const host = recordingHost();
    const session = await openPlanSession(request(), depsOf(h.client, host));
    expect(host.of('warning').map((w) => w.code)).toEqual(['CALLER_IDS_UNVERIFIED']);
    expect(session.plan.warnings.map((w) => w.code)).toContain('caller-id-unverified');
  });
});
