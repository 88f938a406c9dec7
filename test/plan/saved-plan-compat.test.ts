/**
 * The saved-plan compatibility rule, tried for real: this file runs with an outplan
 * descriptor that has gained a field (`max_try_count_5`), as a later outplanctl would.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type * as Descriptor from '../../src/model/outplan-descriptor.js';

vi.mock('../../src/model/outplan-descriptor.js', async (importOriginal) => {
  const original = await importOriginal<typeof Descriptor>();
  const count = original.OUTPLAN_DESCRIPTOR.find((spec) => spec.key === 'max_try_count_4')!;
  return {
    ...original,
    OUTPLAN_DESCRIPTOR: [
      ...original.OUTPLAN_DESCRIPTOR,
      { ...count, key: 'max_try_count_5', wireKey: 'max_try_count_5' },
    ],
  };
});

const { parseSavedPlan, createSavedPlan, serializeSavedPlan, verifySavedPlanAgainstLive } =
  await import('../../src/plan/index.js');
const { OUTPLAN_FIELDS } = await import('../../src/model/outplan.js');

describe('a saved plan written before a field was added', () => {
  const text = readFileSync('test/plan/saved-plan-v1.fixture.json', 'utf8');

  it('still loads, and reads the new field as its default in every field set', () => {
    expect(OUTPLAN_FIELDS).toContain('max_try_count_5');
    expect(text).not.toContain('max_try_count_5');
    const saved = parseSavedPlan(text);
    const [del, update, create] = saved.plan.changes;
    expect(del!.action === 'delete' && del!.before).toMatchObject({ max_try_count_5: 0 });
    expect(update!.action === 'update' && update!.before).toMatchObject({ max_try_count_5: 0 });
    expect(update!.action === 'update' && update!.after).toMatchObject({ max_try_count_5: 0 });
    expect(create!.action === 'create' && create!.after).toMatchObject({ max_try_count_5: 0 });
  });

  it('is refused when the live outplan holds a value the plan never showed', () => {
    const saved = parseSavedPlan(text);
    const update = saved.plan.changes[1]!;
    if (update.action !== 'update') throw new Error('expected the update');
    const liveNow = saved.live_fingerprint.outplans.map((entry) => ({
      id: entry.id,
      fields: {
        ...update.before,
        name: entry.name,
        max_try_count_5: entry.id === update.id ? 4 : 0,
      },
      tmCreate: '2026-01-01T00:00:00Z',
      tmUpdate: entry.tm_update,
      tmDelete: null,
    }));
    const mismatches = verifySavedPlanAgainstLive(saved, liveNow);
    expect(mismatches.map((m) => [m.kind, m.id])).toContainEqual(['before-differs', update.id]);
    expect(mismatches.find((m) => m.id === update.id)!.message).toContain('max_try_count_5');
  });

  it('is written with the new field by the newer version', () => {
    const saved = parseSavedPlan(text);
    const rewritten = serializeSavedPlan(
      createSavedPlan({
        plan: saved.plan,
        apiUrl: saved.api_url,
        configDigest: saved.config_digest,
        live: [],
        prune: saved.prune,
        toolVersion: '0.2.0',
        createdAt: saved.created_at,
      }),
    );
    expect(rewritten).toContain('"max_try_count_5": 0');
    expect(parseSavedPlan(rewritten).plan).toEqual(saved.plan);
  });
});
