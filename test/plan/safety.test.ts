import { describe, expect, it } from 'vitest';
import { buildPlan, checkSafety, type Plan } from '../../src/plan/index.js';
import { campaign, desiredOutplan, desiredState, liveOutplan, uuid } from './builders.js';

/** A pruning plan over `liveCount` outplans that deletes the first `deletes` of them. */
function pruning(
  liveCount: number,
  deletes: number,
  campaigns = [] as ReturnType<typeof campaign>[],
): Plan {
  const live = Array.from({ length: liveCount }, (_, i) =>
    liveOutplan(uuid(i + 1), { name: `o${i + 1}` }),
  );
  const desired = live.slice(deletes).map((l) => desiredOutplan(l.fields));
  return buildPlan({ desired: desiredState(desired), live, campaigns, prune: true }).plan;
}

describe('checkSafety: mass delete', () => {
  it.each([
    // [live, deletes, refused code or null]
    [1, 1, 'MASS_DELETE_ALL'], // the last live outplan
    [2, 2, 'MASS_DELETE_ALL'],
    [2, 1, null], // one delete is never a mass delete unless it is the last live one
    [3, 1, null],
    [4, 1, null],
    [3, 2, 'MASS_DELETE_SHARE'], // the share rule applies from two deletes up
    [5, 2, 'MASS_DELETE_SHARE'],
    [7, 2, null],
    [10, 3, null],
    [10, 4, 'MASS_DELETE_SHARE'],
    [100, 30, null],
    [100, 31, 'MASS_DELETE_SHARE'],
    [5, 0, null],
  ])('%d live, %d deleted: %s', (liveCount, deletes, code) => {
    const refusals = checkSafety(pruning(liveCount, deletes), { liveCount, campaignsKnown: true });
    expect(refusals.map((r) => r.code)).toEqual(code ? [code] : []);
  });

  it('names the outplans, the share and both ways out', () => {
    const [refusal] = checkSafety(pruning(4, 2), { liveCount: 4, campaignsKnown: true });
    expect(refusal!.message).toBe(
      `Refusing to delete 2 of 4 live outplans (50 %), more than the 30 % limit: "o1" (${uuid(1)}), "o2" (${uuid(2)}).`,
    );
    expect(refusal!.override).toBe('--allow-mass-delete');
    expect(refusal!.hint).toContain('--allow-mass-delete');
    expect(refusal!.hint).toContain('--max-delete-percent N (now 30)');
    expect(refusal!.outplans).toEqual([
      { id: uuid(1), name: 'o1' },
      { id: uuid(2), name: 'o2' },
    ]);
  });

  it('refuses deleting every live outplan whatever the share allows', () => {
    const [refusal] = checkSafety(pruning(1, 1), {
      liveCount: 1,
      campaignsKnown: true,
      maxDeleteShare: 1,
    });
    expect(refusal).toMatchObject({ code: 'MASS_DELETE_ALL', override: '--allow-mass-delete' });
    expect(refusal!.message).toBe(
      `Refusing to delete every live outplan (1 of 1): "o1" (${uuid(1)}).`,
    );
  });

  it('is overridden by allowMassDelete and follows a configured share', () => {
    const plan = pruning(10, 5);
    expect(
      checkSafety(plan, { liveCount: 10, campaignsKnown: true, allowMassDelete: true }),
    ).toEqual([]);
    expect(checkSafety(plan, { liveCount: 10, campaignsKnown: true, maxDeleteShare: 0.5 })).toEqual(
      [],
    );
    expect(
      checkSafety(plan, { liveCount: 10, campaignsKnown: true, maxDeleteShare: 0.4 }),
    ).toHaveLength(1);
  });

  it('shortens a long list of names', () => {
    const [refusal] = checkSafety(pruning(50, 50), { liveCount: 50, campaignsKnown: true });
    expect(refusal!.message).toMatch(/and 30 more\.$/);
    expect(refusal!.outplans).toHaveLength(50);
  });
});

describe('checkSafety: campaigns', () => {
  const campaigns = [
    campaign(uuid(101), 'Spring promo', 'run', uuid(1)),
    campaign(uuid(102), 'Winter promo', 'stop', uuid(2)),
    campaign(uuid(103), 'Autumn', 'stopping', uuid(3)),
  ];
  const options = { liveCount: 20, campaignsKnown: true };

  it('refuses deleting an outplan a running or stopping campaign uses, naming both', () => {
    const refusals = checkSafety(pruning(20, 3, campaigns), options);
    expect(refusals.map((r) => r.code)).toEqual(['DELETE_IN_USE']);
    const [refusal] = refusals;
    expect(refusal!.message).toContain(
      `"o1" (${uuid(1)}) is used by running campaign "Spring promo"`,
    );
    expect(refusal!.message).toContain(`"o3" (${uuid(3)}) is used by stopping campaign "Autumn"`);
    expect(refusal!.message).not.toContain('Winter promo');
    expect(refusal!.override).toBe('--allow-delete-in-use');
    expect(refusal!.campaigns.map((c) => c.name)).toEqual(['Spring promo', 'Autumn']);
  });

  it('allows it with allowDeleteInUse, and never refuses for stopped campaigns', () => {
    expect(checkSafety(pruning(20, 3, campaigns), { ...options, allowDeleteInUse: true })).toEqual(
      [],
    );
    const stoppedOnly = pruning(20, 2, [campaigns[1]!]);
    expect(checkSafety(stoppedOnly, options)).toEqual([]);
  });

  it('fails closed when campaigns are unknown and the plan deletes anything', () => {
    const refusals = checkSafety(pruning(20, 1), { liveCount: 20, campaignsKnown: false });
    expect(refusals.map((r) => r.code)).toEqual(['CAMPAIGNS_UNKNOWN']);
    expect(refusals[0]!.message).toContain(`"o1" (${uuid(1)})`);
    expect(checkSafety(pruning(20, 0), { liveCount: 20, campaignsKnown: false })).toEqual([]);
    expect(
      checkSafety(pruning(20, 1), { liveCount: 20, campaignsKnown: false, allowDeleteInUse: true }),
    ).toEqual([]);
  });

  it('reports every rule that applies at once', () => {
    const refusals = checkSafety(pruning(3, 3, campaigns), { liveCount: 3, campaignsKnown: true });
    expect(refusals.map((r) => r.code)).toEqual(['MASS_DELETE_ALL', 'DELETE_IN_USE']);
  });
});
