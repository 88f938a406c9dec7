import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/index.js';
import { executePlan, type ApplyClient } from '../../src/apply/index.js';
import type { LiveOutplan, OutplanFields } from '../../src/model/outplan.js';
import { buildPlan } from '../../src/plan/index.js';
import { desiredOutplan, fields, liveOutplan } from '../plan/builders.js';

const meta = (method: string) => ({
  method,
  url: 'http://127.0.0.1/v1.0/outplans?accesskey=REDACTED',
  status: 200,
  requestId: 'req_1',
  attempts: 1,
  durationMs: 5,
});

/** A client whose calls resolve when the test says so, to observe concurrency. */
function recordingClient(failNames: ReadonlySet<string> = new Set()) {
  let inFlight = 0;
  let maxInFlight = 0;
  const calls: string[] = [];
  const run = async <T>(label: string, name: string, value: T): Promise<T> => {
    calls.push(label);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((r) => setTimeout(r, 5));
    inFlight--;
    if (failNames.has(name)) {
      throw new ApiError({
        code: 'HTTP_500',
        message: `boom ${name}`,
        meta: { ...meta('X'), status: 500 },
      });
    }
    return value;
  };
  const live = (id: string, f: OutplanFields): LiveOutplan => ({
    id,
    fields: f,
    tmCreate: 't',
    tmUpdate: null,
    tmDelete: null,
  });
  const client: ApplyClient = {
    createOutplan: (f) =>
      run(`create ${f.name}`, f.name, { outplan: live(`id-${f.name}`, f), meta: meta('POST') }),
    updateBasic: (id, f) =>
      run(`basic ${id}`, f.name, { outplan: live(id, fields(f)), meta: meta('PUT') }),
    updateDialInfo: (id, f) =>
      run(`dial ${id}`, id, { outplan: live(id, fields(f)), meta: meta('PUT') }),
    deleteOutplan: (id) => run(`delete ${id}`, id, { meta: meta('DELETE') }),
  };
  return { client, calls, maxInFlight: () => maxInFlight };
}

function planOf(names: string[]) {
  const desired = { outplans: names.map((name) => desiredOutplan({ name })), pruneExclusions: [] };
  return buildPlan({ desired, live: [], campaigns: [], prune: false }).plan;
}

describe('executePlan', () => {
  it('never has more changes in flight than the concurrency', async () => {
    const { client, maxInFlight } = recordingClient();
    const plan = planOf(Array.from({ length: 10 }, (_, i) => `O${i}`));
    const result = await executePlan(plan.changes, {
      client,
      concurrency: 3,
      knownIds: new Set(),
      now: () => new Date(0),
    });
    expect(result.records).toHaveLength(10);
    expect(maxInFlight()).toBe(3);
  });

  it('records a failed call and carries on with the others', async () => {
    const { client } = recordingClient(new Set(['O2']));
    const plan = planOf(['O1', 'O2', 'O3']);
    const result = await executePlan(plan.changes, {
      client,
      concurrency: 1,
      knownIds: new Set(),
      now: () => new Date(0),
    });
    expect(result.failed).toBe(1);
    expect(result.records.map((r) => [r.name, r.outcome])).toEqual([
      ['O1', 'succeeded'],
      ['O2', 'failed'],
      ['O3', 'succeeded'],
    ]);
    expect(result.records[1]?.error?.message).toContain('boom O2');
    expect(result.records[0]?.id).toBe('id-O1');
  });

  it('makes both calls of an update, basic first, each with its whole group', async () => {
    const { client, calls } = recordingClient();
    const live = [liveOutplan('a', { name: 'A', detail: 'old', dial_timeout: 30_000 })];
    const desired = {
      outplans: [desiredOutplan({ name: 'A', detail: 'new', dial_timeout: 45_000 })],
      pruneExclusions: [],
    };
    const { plan } = buildPlan({ desired, live, campaigns: [], prune: false });
    const result = await executePlan(plan.changes, {
      client,
      concurrency: 4,
      knownIds: new Set(['a']),
      now: () => new Date(0),
    });
    expect(calls).toEqual(['basic a', 'dial a']);
    expect(result.records.map((r) => [r.call, r.before, r.after])).toEqual([
      ['update_basic', { name: 'A', detail: 'old' }, { name: 'A', detail: 'new' }],
      [
        'update_dial_info',
        expect.objectContaining({ dial_timeout: 30_000 }),
        expect.objectContaining({ dial_timeout: 45_000 }),
      ],
    ]);
  });

  it('once aborted, starts nothing new and records the rest as skipped', async () => {
    const { client, calls } = recordingClient();
    const controller = new AbortController();
    const plan = planOf(['O1', 'O2', 'O3', 'O4']);
    const result = await executePlan(plan.changes, {
      client,
      concurrency: 1,
      knownIds: new Set(),
      now: () => new Date(0),
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'call-finished' && e.done === 1) controller.abort();
      },
    });
    expect(calls).toEqual(['create O1']);
    expect(result.interrupted).toBe(true);
    expect(result.records.map((r) => r.outcome)).toEqual([
      'succeeded',
      'skipped',
      'skipped',
      'skipped',
    ]);
  });
});
