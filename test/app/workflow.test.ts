import { afterEach, describe, expect, it } from 'vitest';
import {
  applyFromConfig,
  applySaved,
  openPlanSession,
  savedPlanOf,
  type FreshApplyRequest,
  type OutplanApi,
} from '../../src/app/index.js';
import { ConfigError, RefusalError } from '../../src/model/errors.js';
import { parseSavedPlan, serializeSavedPlan } from '../../src/plan/index.js';
import { configOf, outplan } from '../helpers/e2e-session.js';
import { recordingHost, startAppHarness, type AppHarness } from '../helpers/app-harness.js';

// The use cases driven whole, in this process: emulator over loopback, fake clock, recording host.
describe('the plan and apply use cases', () => {
  let h: AppHarness;
  afterEach(async () => {
    await h.close();
  });

  const audit = { toolVersion: 'outplanctl test', ci: null };
  const freshRequest = (overrides: Partial<FreshApplyRequest> = {}): FreshApplyRequest => ({
    paths: ['outplans.yaml'],
    prune: false,
    strict: false,
    apiUrl: h.emulator.baseUrl,
    safety: {},
    confirm: false,
    concurrency: 2,
    audit,
    ...overrides,
  });
  const deps = (host = recordingHost(), api: OutplanApi = h.client) => ({
    api,
    clock: h.clock,
    host,
    config: h.config,
    audit: h.audit,
  });

  it('a plan session lists the outplans alongside the config and skips campaigns for creates only', async () => {
    h = await startAppHarness();
    h.write('outplans.yaml', configOf([outplan('Alpha'), outplan('Bravo')]));
    const host = recordingHost();
    const session = await openPlanSession(
      { paths: ['outplans.yaml'], prune: false, strict: false, apiUrl: h.emulator.baseUrl },
      { api: h.client, config: h.config, host },
    );
    expect(session.plan.changes.map((c) => [c.action, c.name])).toEqual([
      ['create', 'Alpha'],
      ['create', 'Bravo'],
    ]);
    // The numbers too: these outplans have tel caller IDs (see test/app/caller-ids.test.ts).
    expect(h.emulator.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /v1.0/numbers',
      'GET /v1.0/outplans',
    ]);
    expect(host.events).toEqual([]);
  });

  it('a config error wins over an API error, and config warnings reach the host', async () => {
    h = await startAppHarness({ faults: 'GET /outplans=500:1' });
    h.write('outplans.yaml', 'outplans:\n  - name: Alpha\n    try_interval: 30\n');
    const request = { paths: ['outplans.yaml'], prune: false, strict: false, apiUrl: 'x' };
    await expect(
      openPlanSession(request, { api: h.client, config: h.config, host: recordingHost() }),
    ).rejects.toBeInstanceOf(ConfigError);

    h.emulator.setFaults(undefined);
    h.write('outplans.yaml', configOf([outplan('Alpha', { try_interval: '30s' })]));
    const host = recordingHost();
    await openPlanSession(request, { api: h.client, config: h.config, host });
    expect(host.of('config-warnings')[0]?.diagnostics.map((d) => d.severity)).toContain('warning');
  });

  it('a fresh apply runs checks, calls, the closing check and the audit, in that order', async () => {
    h = await startAppHarness();
    h.emulator.store.seedOutplans(h.key, [{ name: 'Charlie', try_interval: 60_000 }]);
    h.write('outplans.yaml', configOf([outplan('Alpha'), outplan('Charlie')]));
    const host = recordingHost([true]);
    const outcome = await applyFromConfig(freshRequest({ confirm: true }), deps(host));
    expect(outcome).toMatchObject({ kind: 'applied', exitCode: 0, converged: true });
    expect(host.questions.map((q) => q.calls)).toEqual([3]);
    expect(host.types().filter((t) => !t.startsWith('call-'))).toEqual([
      'plan-ready',
      'apply-started',
      'apply-finished',
      'verified',
    ]);
    expect(
      host
        .of('call-finished')
        .map((e) => e.record.name)
        .sort(),
    ).toEqual(['Alpha', 'Charlie', 'Charlie']);
    expect(
      h
        .live()
        .map((o) => o.name)
        .sort(),
    ).toEqual(['Alpha', 'Charlie']);
    expect(h.reports).toHaveLength(1);
    expect(h.reports[0]).toMatchObject({ outcome: 'succeeded', converged: true });
    expect(h.clock.sleeps).toEqual([]);
  });

  it('a cancelled confirmation makes no call and records why', async () => {
    h = await startAppHarness();
    h.write('outplans.yaml', configOf([outplan('Alpha')]));
    const outcome = await applyFromConfig(
      freshRequest({ confirm: true }),
      deps(recordingHost([false])),
    );
    expect(outcome).toMatchObject({ kind: 'cancelled', exitCode: 1 });
    expect(h.writes()).toEqual([]);
    expect(h.reports[0]).toMatchObject({ outcome: 'refused', refusal: { code: 'CANCELLED' } });
  });

  it('a safety refusal makes no write call, is recorded, and names both ways out', async () => {
    h = await startAppHarness();
    h.emulator.store.seedOutplans(
      h.key,
      ['A', 'B', 'C', 'D', 'E'].map((name) => ({ name, try_interval: 60_000 })),
    );
    h.write('outplans.yaml', configOf([outplan('A'), outplan('B')]));
    const error = await applyFromConfig(freshRequest({ prune: true }), deps()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RefusalError);
    expect((error as RefusalError).message).toContain('--allow-mass-delete');
    expect((error as RefusalError).message).toContain('--max-delete-percent');
    expect(h.writes()).toEqual([]);
    expect(h.reports[0]).toMatchObject({ outcome: 'refused' });
  });

  it('waits out read lag through the clock, announcing each pause, then verifies', async () => {
    h = await startAppHarness({ readLagMs: 2_500 });
    h.write('outplans.yaml', configOf([outplan('Alpha'), outplan('Bravo')]));
    const host = recordingHost();
    const outcome = await applyFromConfig(freshRequest(), deps(host));
    expect(outcome).toMatchObject({ kind: 'applied', exitCode: 0 });
    // Listed at once, after 1 s and after 3 s: the lag ran out on the fake clock.
    expect(h.clock.sleeps).toEqual([1_000, 2_000]);
    expect(host.of('wait').map((w) => w.ms)).toEqual([1_000, 2_000]);
    expect(host.of('wait')[0]?.reason).toMatch(/^the listing to show this run's changes/);
    expect(host.types().at(-1)).toBe('verified');
    expect(h.live()).toHaveLength(2);
  });

  it('exits 1 when a duplicate appears meanwhile: the report says not-converged', async () => {
    h = await startAppHarness();
    h.write('outplans.yaml', configOf([outplan('Alpha')]));
    // Another apply of the same config, started at the same moment, creates it too.
    const client = h.client;
    const racing: OutplanApi = {
      listOutplans: () => client.listOutplans(),
      listCampaigns: () => client.listCampaigns(),
      listNumbers: () => client.listNumbers(),
      updateBasic: (...args) => client.updateBasic(...args),
      updateDialInfo: (...args) => client.updateDialInfo(...args),
      deleteOutplan: (...args) => client.deleteOutplan(...args),
      createOutplan: async (fields, options) => {
        await client.createOutplan(fields, { knownIds: new Set() });
        return client.createOutplan(fields, options);
      },
    };
    const host = recordingHost();
    const outcome = await applyFromConfig(freshRequest(), deps(host, racing));
    expect(outcome).toMatchObject({ kind: 'not-converged', exitCode: 1, converged: false });
    const [report] = host.of('not-converged');
    expect(report?.remaining.join('\n')).toMatch(/Alpha/);
    expect(report?.next).toMatch(/outplanctl plan/);
    expect(h.clock.sleeps).toEqual([1_000, 2_000, 4_000]);
    expect(h.reports[0]).toMatchObject({ outcome: 'not-converged', converged: false });
  });

  it('applies a saved plan exactly once; applying it again says so and does nothing', async () => {
    h = await startAppHarness();
    h.emulator.store.seedOutplans(h.key, [
      { name: 'Old', try_interval: 60_000 },
      { name: 'Keep', try_interval: 60_000 },
      { name: 'Edit', try_interval: 60_000 },
    ]);
    h.write('outplans.yaml', configOf([outplan('New'), outplan('Edit')]));
    const session = await openPlanSession(
      { paths: ['outplans.yaml'], prune: true, strict: false, apiUrl: h.emulator.baseUrl },
      { api: h.client, config: h.config, host: recordingHost() },
    );
    const file = serializeSavedPlan(
      savedPlanOf(
        session,
        { allowMassDelete: true },
        { toolVersion: 't', createdAt: h.clock.now() },
      ),
    );
    const request = {
      saved: parseSavedPlan(file),
      file: 'plan.json',
      apiUrl: h.emulator.baseUrl,
      safety: { allowMassDelete: true },
      concurrency: 2,
      audit,
    };
    const first = await applySaved(request, deps());
    expect(first).toMatchObject({ kind: 'applied', exitCode: 0 });
    expect(
      h
        .live()
        .map((o) => o.name)
        .sort(),
    ).toEqual(['Edit', 'New']);

    h.emulator.resetRequestLog();
    const host = recordingHost();
    const again = await applySaved({ ...request, saved: parseSavedPlan(file) }, deps(host));
    expect(again).toMatchObject({ kind: 'already-applied', exitCode: 0 });
    expect(host.of('nothing-to-apply')).toEqual([
      { type: 'nothing-to-apply', reason: 'already-applied' },
    ]);
    expect(h.writes()).toEqual([]);
  });

  it('a saved plan for another API is refused before any request', async () => {
    h = await startAppHarness();
    h.write('outplans.yaml', configOf([outplan('Alpha')]));
    const session = await openPlanSession(
      {
        paths: ['outplans.yaml'],
        prune: false,
        strict: false,
        apiUrl: 'https://elsewhere.example/v1.0',
      },
      { api: h.client, config: h.config, host: recordingHost() },
    );
    const saved = parseSavedPlan(
      serializeSavedPlan(savedPlanOf(session, {}, { toolVersion: 't', createdAt: h.clock.now() })),
    );
    h.emulator.resetRequestLog();
    await expect(
      applySaved(
        { saved, file: 'p.json', apiUrl: h.emulator.baseUrl, safety: {}, concurrency: 1, audit },
        deps(),
      ),
    ).rejects.toMatchObject({ code: 'PLAN_FOR_OTHER_API' });
    expect(h.emulator.requests).toEqual([]);
    expect(h.reports[0]).toMatchObject({ outcome: 'refused' });
  });

  it('an interrupt lets the call in flight finish and starts no other', async () => {
    h = await startAppHarness();
    h.write('outplans.yaml', configOf(['A', 'B', 'C', 'D'].map((n) => outplan(n))));
    let stop: ((signal: string) => void) | null = null;
    const host = recordingHost();
    const record = host.notify.bind(host);
    host.notify = (event) => {
      void record(event);
      if (event.type !== 'call-finished') return;
      // Like the CLI's signal handling: only the first request reaches the run.
      const first = stop;
      stop = null;
      first?.('SIGTERM');
    };
    const outcome = await applyFromConfig(freshRequest({ concurrency: 1 }), {
      ...deps(host),
      interrupts: (handler) => {
        stop = handler;
        return () => {
          stop = null;
        };
      },
    });
    expect(outcome).toMatchObject({ kind: 'interrupted', exitCode: 1 });
    expect(host.of('interrupted')).toEqual([{ type: 'interrupted', signal: 'SIGTERM' }]);
    expect(h.live()).toHaveLength(1);
    expect(h.reports[0]).toMatchObject({ summary: { succeeded: 1, skipped: 3 } });
  });
});
