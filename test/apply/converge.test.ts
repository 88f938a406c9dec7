import { describe, expect, it } from 'vitest';
import { findDivergences, remainingAfterApply } from '../../src/apply/index.js';
import { buildPlan } from '../../src/plan/index.js';
import { desiredOutplan, liveOutplan } from '../plan/builders.js';

describe('after an apply', () => {
  it('a duplicate left behind is not "matching": two live outplans with one declared name', () => {
    const desired = { outplans: [desiredOutplan({ name: 'A' })], pruneExclusions: [] };
    const live = [liveOutplan('x', { name: 'A' }), liveOutplan('y', { name: 'A' })];
    const remaining = remainingAfterApply(desired, live, false);
    expect(remaining).toHaveLength(1);
    expect(remaining[0]).toMatch(/"A"/);
  });

  it('nothing remains when the account matches', () => {
    const desired = { outplans: [desiredOutplan({ name: 'A' })], pruneExclusions: [] };
    expect(remainingAfterApply(desired, [liveOutplan('x', { name: 'A' })], false)).toEqual([]);
  });

  it('a saved plan is checked change by change', () => {
    const live = [
      liveOutplan('a', { name: 'A', detail: 'old' }),
      liveOutplan('g', { name: 'Gone' }),
    ];
    const desired = {
      outplans: [desiredOutplan({ name: 'A', detail: 'new' }), desiredOutplan({ name: 'B' })],
      pruneExclusions: [],
    };
    const { plan } = buildPlan({ desired, live, campaigns: [], prune: true });
    // Nothing was applied: every change still diverges.
    const divergences = findDivergences(plan.changes, [], live);
    expect(divergences.map((d) => [d.name, d.reason])).toEqual([
      ['Gone', 'still exists'],
      ['A', 'differs in detail'],
      ['B', 'does not exist'],
    ]);
  });
});
