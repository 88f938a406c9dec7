import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DesiredOutplan } from '../../src/model/desired.js';
import { normaliseSource, type LiveOutplan, type OutplanFields } from '../../src/model/outplan.js';
import { buildPlan, type Plan } from '../../src/plan/index.js';
import { campaign, desiredState, uuid } from './builders.js';

const fieldsArb: fc.Arbitrary<OutplanFields> = fc.record({
  name: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'manual-1'),
  detail: fc.constantFrom('', 'x', 'line 1\nline 2'),
  source: fc
    .record(
      {
        type: fc.constantFrom('', 'tel', 'sip'),
        target: fc.constantFrom('', '+15559876543', '+15550000001'),
        target_name: fc.constantFrom('', 'Line'),
        name: fc.constantFrom('', 'n'),
        detail: fc.constantFrom('', 'd'),
      },
      { requiredKeys: [] },
    )
    .map((raw) => normaliseSource(raw)),
  dial_timeout: fc.constantFrom(1_000, 30_000, 60_000),
  try_interval: fc.constantFrom(60_000, 600_000, 7_200_000),
  max_try_count_0: fc.integer({ min: 0, max: 5 }),
  max_try_count_1: fc.integer({ min: 0, max: 5 }),
  max_try_count_2: fc.integer({ min: 0, max: 5 }),
  max_try_count_3: fc.integer({ min: 0, max: 5 }),
  max_try_count_4: fc.integer({ min: 0, max: 5 }),
});

const liveArb: fc.Arbitrary<LiveOutplan[]> = fc.array(fieldsArb, { maxLength: 12 }).map((list) =>
  list.map((fields, i) => ({
    id: uuid(i + 1),
    fields,
    tmCreate: '2026-01-15T09:30:00Z',
    tmUpdate: null,
    tmDelete: null,
  })),
);

function desiredOf(fields: OutplanFields, pin: string | null, line: number): DesiredOutplan {
  const at = { file: 'o.yaml', line, col: 3 };
  return { fields, pin, at, fieldAt: pin ? { id: at } : {} };
}

/** A pure stand-in for the API: applies exactly the calls each change lists. */
function simulateApply(live: readonly LiveOutplan[], plan: Plan): LiveOutplan[] {
  const state = new Map(live.map((l) => [l.id, l]));
  let next = 1000;
  for (const change of plan.changes) {
    switch (change.action) {
      case 'create': {
        const id = uuid(next++);
        state.set(id, { id, fields: change.after, tmCreate: 'x', tmUpdate: null, tmDelete: null });
        break;
      }
      case 'update': {
        let fields = state.get(change.id)!.fields;
        for (const call of change.calls) {
          // Each PUT replaces its whole group with the desired values, nothing else.
          fields =
            call === 'update_basic'
              ? { ...fields, name: change.after.name, detail: change.after.detail }
              : { ...change.after, name: fields.name, detail: fields.detail };
        }
        state.set(change.id, { ...state.get(change.id)!, fields });
        break;
      }
      case 'delete':
        state.delete(change.id);
        break;
      default: {
        const never: never = change;
        throw new Error(`unexpected ${String(never)}`);
      }
    }
  }
  return [...state.values()];
}

describe('buildPlan properties', () => {
  it('a config derived from the live outplans plans empty', () => {
    fc.assert(
      fc.property(liveArb, fc.boolean(), (live, prune) => {
        // Pin only where names collide, as `export` does.
        const counts = new Map<string, number>();
        for (const l of live) counts.set(l.fields.name, (counts.get(l.fields.name) ?? 0) + 1);
        const desired = live.map((l, i) =>
          desiredOf(l.fields, counts.get(l.fields.name)! > 1 ? l.id : null, i + 1),
        );
        const { plan, problems } = buildPlan({
          desired: desiredState(desired),
          live,
          campaigns: [],
          prune,
        });
        expect(problems).toEqual([]);
        expect(plan.changes).toEqual([]);
        expect(plan.unchanged).toBe(live.length);
      }),
    );
  });

  it('applying a plan and planning again gives an empty plan', () => {
    const scenario = liveArb.chain((live) =>
      fc.record({
        live: fc.constant(live),
        desired: fc.array(
          fc.record({
            fields: fieldsArb,
            pin:
              live.length > 0
                ? fc.option(fc.constantFrom(...live.map((l) => l.id)))
                : fc.constant(null),
          }),
          { maxLength: 10 },
        ),
        prune: fc.boolean(),
        exclusions: fc.subarray(['manual-*', 'a', '*x*']),
      }),
    );
    let applied = 0;
    fc.assert(
      fc.property(scenario, ({ live, desired: generated, prune, exclusions }) => {
        // What a valid config can declare: each pin once, each unpinned name once.
        const seen = new Set<string>();
        const desired = generated.filter((d) => {
          const key = d.pin === null ? `name:${d.fields.name}` : `pin:${d.pin}`;
          return !seen.has(key) && seen.add(key);
        });
        const state = desiredState(
          desired.map((d, i) => desiredOf(d.fields, d.pin, i + 1)),
          exclusions,
        );
        const first = buildPlan({ desired: state, live, campaigns: [], prune });
        if (first.problems.length > 0) {
          // Whatever is ambiguous is never deleted.
          const ambiguous = new Set(
            first.plan.unmanaged.filter((u) => u.reason === 'ambiguous').map((u) => u.id),
          );
          expect(first.plan.changes.some((c) => c.action === 'delete' && ambiguous.has(c.id))).toBe(
            false,
          );
          return;
        }
        applied++;
        const after = simulateApply(live, first.plan);
        const second = buildPlan({ desired: state, live: after, campaigns: [], prune });
        expect(second.problems).toEqual([]);
        expect(second.plan.changes).toEqual([]);
        expect(second.plan.unchanged).toBe(desired.length);
      }),
      { numRuns: 300 },
    );
    // The generator must exercise the interesting path, not only the problem path.
    expect(applied).toBeGreaterThan(50);
  });

  it('gives the same plan whatever order the inputs arrive in', () => {
    const scenario = liveArb.chain((live) =>
      fc
        .record({
          desired: fc.uniqueArray(fieldsArb, { maxLength: 8, selector: (f) => f.name }),
          prune: fc.boolean(),
        })
        .chain(({ desired, prune }) => {
          const desiredList = desired.map((f, i) => desiredOf(f, null, i + 1));
          const campaigns = live.map((l, i) =>
            campaign(
              uuid(500 + i),
              `c${i % 3}`,
              (['run', 'stop', 'stopping'] as const)[i % 3]!,
              l.id,
            ),
          );
          const shuffle = <T>(items: readonly T[]) =>
            fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });
          return fc.record({
            live: fc.constant(live),
            desired: fc.constant(desiredList),
            campaigns: fc.constant(campaigns),
            prune: fc.constant(prune),
            liveShuffled: shuffle(live),
            desiredShuffled: shuffle(desiredList),
            campaignsShuffled: shuffle(campaigns),
          });
        }),
    );
    fc.assert(
      fc.property(scenario, (s) => {
        const a = buildPlan({
          desired: desiredState(s.desired, ['manual-*', 'b']),
          live: s.live,
          campaigns: s.campaigns,
          prune: s.prune,
        });
        const b = buildPlan({
          desired: desiredState(s.desiredShuffled, ['manual-*', 'b']),
          live: s.liveShuffled,
          campaigns: s.campaignsShuffled,
          prune: s.prune,
        });
        expect(b).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });
});
