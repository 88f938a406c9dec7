import { describe, expect, it } from 'vitest';
import {
  buildPlan,
  createSavedPlan,
  parseSavedPlan,
  serializeSavedPlan,
  isSavedPlanApplied,
  verifySavedPlanAgainstLive,
  type Change,
  type Plan,
} from '../../src/plan/index.js';
import { desiredOutplan, desiredState, fields, liveOutplan, uuid } from './builders.js';

const live = [
  liveOutplan(uuid(1), { name: 'Keep' }, '2026-02-01T00:00:00Z'),
  liveOutplan(uuid(2), { name: 'Change' }),
  liveOutplan(uuid(3), { name: 'Drop' }),
];
const { plan } = buildPlan({
  desired: desiredState([
    desiredOutplan({ name: 'Keep' }),
    desiredOutplan({ name: 'Change', try_interval: 7_200_000 }),
    desiredOutplan({ name: 'New' }),
  ]),
  live,
  campaigns: [],
  prune: true,
});

/** A file anyone could write: any plan, with a correct checksum. */
function savedWith(changes: readonly Change[], fingerprintLive = live) {
  const forged: Plan = { ...plan, changes };
  const saved = createSavedPlan({
    plan: forged,
    apiUrl: 'https://api.example.test',
    configDigest: 'sha256:config',
    live: fingerprintLive,
    prune: true,
    toolVersion: '0',
    createdAt: '2026-03-01T00:00:00Z',
  });
  return parseSavedPlan(serializeSavedPlan(saved));
}

function change(action: Change['action']): Change {
  return plan.changes.find((c) => c.action === action)!;
}

describe('verifySavedPlanAgainstLive', () => {
  it('accepts the plan as it was made', () => {
    expect(verifySavedPlanAgainstLive(savedWith(plan.changes), live)).toEqual([]);
  });

  it('refuses a delete whose recorded values are not the live ones, naming the outplan', () => {
    const del = change('delete');
    if (del.action !== 'delete') throw new Error('expected a delete');
    // A forged plan that shows a harmless-looking outplan but deletes a real id.
    const forged = { ...del, name: 'Old test', before: fields({ name: 'Old test', detail: 'x' }) };
    const [mismatch, ...rest] = verifySavedPlanAgainstLive(savedWith([forged]), live);
    expect(rest).toEqual([]);
    expect(mismatch).toEqual({
      kind: 'before-differs',
      id: uuid(3),
      name: 'Old test',
      message:
        `The plan would delete "Old test" (${uuid(3)}), but the current values it records ` +
        'differ from the live outplan in name, detail, so its diff is not what applying would change.',
    });
  });

  it('refuses an update of an outplan the fingerprint does not list', () => {
    const update = change('update');
    if (update.action !== 'update') throw new Error('expected an update');
    const elsewhere = { ...update, id: uuid(9) };
    const live9 = [...live, liveOutplan(uuid(9), update.before)];
    const mismatches = verifySavedPlanAgainstLive(savedWith([elsewhere]), live9);
    expect(mismatches.map((m) => [m.kind, m.id])).toEqual([['not-in-fingerprint', uuid(9)]]);
    expect(mismatches[0]!.message).toContain('its live fingerprint does not list that outplan');
  });

  it('refuses a change of an outplan that is not live', () => {
    const del = change('delete');
    const mismatches = verifySavedPlanAgainstLive(savedWith([del]), live.slice(0, 2));
    expect(mismatches.map((m) => m.kind)).toEqual(['not-live']);
  });

  it('refuses a plan that changes one outplan twice', () => {
    const del = change('delete');
    const mismatches = verifySavedPlanAgainstLive(savedWith([del, del]), live);
    expect(mismatches.map((m) => m.kind)).toEqual(['duplicate-id']);
  });

  it('escapes hostile names in its messages', () => {
    const evil = [liveOutplan(uuid(5), { name: 'x\n+ create "y"\x1b[31m' })];
    const { plan: p } = buildPlan({
      desired: desiredState([]),
      live: evil,
      campaigns: [],
      prune: true,
    });
    const forged = {
      ...p.changes[0]!,
      before: fields({ name: 'x\n+ create "y"\x1b[31m', detail: 'forged' }),
    };
    const [mismatch] = verifySavedPlanAgainstLive(savedWith([forged], evil), evil);
    expect(mismatch!.message).toContain(`"x\\n+ create \\"y\\"\\u001b[31m" (${uuid(5)})`);
    expect(mismatch!.message).not.toContain('\n');
  });
});

describe('isSavedPlanApplied', () => {
  const saved = savedWith(plan.changes);
  // The account after applying: Change updated (tm_update moved), Drop gone, New created.
  const applied = [
    live[0]!,
    liveOutplan(uuid(2), { name: 'Change', try_interval: 7_200_000 }, '2026-03-02T00:00:00Z'),
    liveOutplan(uuid(9), { name: 'New' }, null),
  ];

  it('tells an account that already is the end state apart from one that changed', () => {
    expect(isSavedPlanApplied(saved, live)).toBe(false); // not applied yet
    expect(isSavedPlanApplied(saved, applied)).toBe(true);
    expect(isSavedPlanApplied(saved, [...applied].reverse())).toBe(true);
  });

  it.each([
    [
      'an untouched outplan was edited',
      [{ ...applied[0]!, tmUpdate: '2026-03-03T00:00:00Z' }, applied[1]!, applied[2]!],
    ],
    [
      'the update holds other values',
      [applied[0]!, liveOutplan(uuid(2), { name: 'Change' }, 'x'), applied[2]!],
    ],
    ['the deleted outplan is back', [...applied, live[2]!]],
    ['the create is missing', [applied[0]!, applied[1]!]],
    ['the create happened twice', [...applied, liveOutplan(uuid(10), { name: 'New' })]],
    ['another outplan appeared', [...applied, liveOutplan(uuid(11), { name: 'Surprise' })]],
    [
      'the created one differs',
      [applied[0]!, applied[1]!, liveOutplan(uuid(9), { name: 'New', detail: 'x' })],
    ],
  ])('is false when %s', (_why, now) => {
    expect(isSavedPlanApplied(saved, now)).toBe(false);
  });
});
