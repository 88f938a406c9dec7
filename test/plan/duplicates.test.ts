import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LiveOutplan } from '../../src/model/outplan.js';
import { buildPlan, checkSafety, type DeleteChange } from '../../src/plan/index.js';
import { campaign, desiredOutplan, desiredState, fields, uuid } from './builders.js';

function copy(n: number, tmCreate: string, input = {}): LiveOutplan {
  return { id: uuid(n), fields: fields(input), tmCreate, tmUpdate: null, tmDelete: null };
}

// A lost race: three identical "Sales" outplans, the oldest listed last.
const race = [
  copy(7, '2026-03-01T10:00:02Z'),
  copy(9, '2026-03-01T10:00:01.5Z'),
  copy(8, '2026-03-01T10:00:01.25Z'),
];
const desired = desiredState([desiredOutplan({ name: 'Sales' })]);

describe('a way out of duplicates', () => {
  it('takes the oldest as the declared one and deletes the identical copies under --prune', () => {
    const { plan, problems } = buildPlan({ desired, live: race, campaigns: [], prune: true });
    expect(problems).toEqual([]);
    expect(plan.unchanged).toBe(1);
    const deletes = plan.changes as DeleteChange[];
    expect(deletes.map((c) => [c.action, c.id, c.original])).toEqual([
      ['delete', uuid(7), uuid(8)],
      ['delete', uuid(9), uuid(8)],
    ]);
    expect(deletes[0]!.notes[0]).toMatchObject({ code: 'duplicate', severity: 'info' });
    expect(deletes[0]!.notes[0]!.message).toContain(uuid(8));
  });

  it('without --prune reports them, with the command that removes them, and changes nothing', () => {
    const { plan, problems } = buildPlan({ desired, live: race, campaigns: [], prune: false });
    expect(problems).toEqual([]);
    expect(plan.changes).toEqual([]);
    expect(plan.unmanaged.map((u) => [u.id, u.reason, u.original])).toEqual([
      [uuid(7), 'duplicate', uuid(8)],
      [uuid(9), 'duplicate', uuid(8)],
    ]);
    expect(plan.warnings).toEqual([
      expect.objectContaining({
        code: 'duplicates',
        message: expect.stringContaining(
          `3 live outplans are named "Sales" with identical settings`,
        ),
        hint: expect.stringContaining('outplanctl apply --prune'),
      }),
    ]);
  });

  it('applies the update to the oldest and deletes the rest when the config changed too', () => {
    const changed = desiredState([desiredOutplan({ name: 'Sales', try_interval: 60_000 })]);
    const { plan } = buildPlan({ desired: changed, live: race, campaigns: [], prune: true });
    expect(plan.changes.map((c) => [c.action, c.id])).toEqual([
      ['delete', uuid(7)],
      ['delete', uuid(9)],
      ['update', uuid(8)],
    ]);
  });

  it('keeps copies that differ an ambiguity that asks for an id pin', () => {
    const live = [...race, copy(10, '2026-03-01T10:00:03Z', { detail: 'edited by hand' })];
    const { plan, problems } = buildPlan({ desired, live, campaigns: [], prune: true });
    expect(problems.map((p) => p.code)).toEqual(['ambiguous-name']);
    expect(problems[0]!.hint).toContain('id: ');
    expect(plan.changes).toEqual([]);
  });

  it('refuses, naming it, to delete a copy that a running campaign uses', () => {
    const campaigns = [campaign(uuid(101), 'Spring', 'run', uuid(9))];
    const { plan } = buildPlan({ desired, live: race, campaigns, prune: true });
    const refusals = checkSafety(plan, { liveCount: race.length, campaignsKnown: true });
    expect(refusals.map((r) => r.code)).toEqual(['DELETE_IN_USE']);
    expect(refusals[0]!.outplans).toEqual([{ id: uuid(9), name: 'Sales' }]);
    expect(refusals[0]!.message).toContain('"Spring"');
  });

  it('is not a mass delete: ten outplans created twice each are cleaned up', () => {
    const names = Array.from({ length: 10 }, (_, i) => `o${i}`);
    const live = names.flatMap((name, i) => [
      copy(i + 1, '2026-03-01T10:00:00Z', { name }),
      copy(i + 101, '2026-03-01T10:00:05Z', { name }),
    ]);
    const all = desiredState(names.map((name) => desiredOutplan({ name })));
    const { plan } = buildPlan({ desired: all, live, campaigns: [], prune: true });
    expect(plan.changes).toHaveLength(10);
    expect(checkSafety(plan, { liveCount: live.length, campaignsKnown: true })).toEqual([]);
  });

  it('property: after applying a pruning plan, no declared name is held twice and the next plan is empty', () => {
    const arb = fc.array(
      fc.record({ name: fc.constantFrom('a', 'b', 'c'), copies: fc.integer({ min: 1, max: 4 }) }),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(arb, fc.boolean(), (groups, declareAll) => {
        const unique = [...new Map(groups.map((g) => [g.name, g])).values()];
        let n = 0;
        const live = unique.flatMap((g) =>
          Array.from({ length: g.copies }, (_, i) =>
            copy(++n, `2026-03-01T10:00:0${i}Z`, { name: g.name }),
          ),
        );
        const declared = unique.filter((_, i) => declareAll || i % 2 === 0);
        const state = desiredState(declared.map((g) => desiredOutplan({ name: g.name })));
        const first = buildPlan({ desired: state, live, campaigns: [], prune: true }).plan;
        const deleted = new Set(
          first.changes.filter((c) => c.action === 'delete').map((c) => c.id),
        );
        const after = live.filter((l) => !deleted.has(l.id));
        for (const g of declared) {
          expect(after.filter((l) => l.fields.name === g.name)).toHaveLength(1);
          // The survivor is the oldest copy.
          expect(after.find((l) => l.fields.name === g.name)!.tmCreate).toBe(
            '2026-03-01T10:00:00Z',
          );
        }
        const second = buildPlan({ desired: state, live: after, campaigns: [], prune: true });
        expect(second.plan.changes).toEqual([]);
        expect(second.problems).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
