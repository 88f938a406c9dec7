import { describe, expect, it } from 'vitest';
import { buildPlan, createSavedPlan } from '../../src/plan/index.js';
import { isSavedPlanApplied } from '../../src/plan/verify-saved-plan.js';
import { desiredOutplan, desiredState, liveOutplan } from '../plan/builders.js';

// When is a saved plan's end state already live (so applying it again does nothing)?
describe('isSavedPlanApplied', () => {
  const before = [
    liveOutplan('u', { name: 'Update', detail: 'old' }, 't1'),
    liveOutplan('d', { name: 'Delete' }, 't1'),
    liveOutplan('k', { name: 'Keep' }, 't1'),
  ];
  const desired = desiredState([
    desiredOutplan({ name: 'Update', detail: 'new' }),
    desiredOutplan({ name: 'Keep' }),
    desiredOutplan({ name: 'Create' }),
  ]);
  const { plan } = buildPlan({ desired, live: before, campaigns: [], prune: true });
  const saved = createSavedPlan({
    plan,
    apiUrl: 'http://127.0.0.1:1/v1.0',
    configDigest: 'sha256:x',
    live: before,
    prune: true,
    toolVersion: 'test',
    createdAt: '2026-01-01T00:00:00Z',
  });
  const applied = [
    liveOutplan('u', { name: 'Update', detail: 'new' }, 't2'),
    liveOutplan('k', { name: 'Keep' }, 't1'),
    liveOutplan('c', { name: 'Create' }, 't2'),
  ];

  it('is true when every change shows as done and nothing else moved', () => {
    expect(plan.changes).toHaveLength(3);
    expect(isSavedPlanApplied(saved, applied)).toBe(true);
  });

  it('is false before the plan ran, or when only part of it ran', () => {
    expect(isSavedPlanApplied(saved, before)).toBe(false);
    expect(isSavedPlanApplied(saved, [...applied, before[1]!])).toBe(false);
    expect(
      isSavedPlanApplied(
        saved,
        applied.filter((l) => l.id !== 'c'),
      ),
    ).toBe(false);
  });

  it('is false when something else moved too: an untouched outplan, a duplicate, a different field', () => {
    const touched = applied.map((l) => (l.id === 'k' ? { ...l, tmUpdate: 't3' } : l));
    expect(isSavedPlanApplied(saved, touched)).toBe(false);
    const twice = [...applied, liveOutplan('c2', { name: 'Create' }, 't2')];
    expect(isSavedPlanApplied(saved, twice)).toBe(false);
    const other = applied.map((l) =>
      l.id === 'u' ? liveOutplan('u', { name: 'Update', detail: 'other' }, 't2') : l,
    );
    expect(isSavedPlanApplied(saved, other)).toBe(false);
  });

  it('an empty plan is never "already applied"', () => {
    const empty = { ...saved, plan: { ...saved.plan, changes: [] } };
    expect(isSavedPlanApplied(empty, applied)).toBe(false);
  });
});
