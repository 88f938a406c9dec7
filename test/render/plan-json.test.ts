import { describe, expect, it } from 'vitest';
import { renderPlanJson } from '../../src/render/index.js';
import { uuid } from '../plan/builders.js';
import { samplePlan } from './sample-plan.js';

describe('renderPlanJson', () => {
  it('matches the golden output', async () => {
    await expect(renderPlanJson(samplePlan())).toMatchFileSnapshot('./golden/plan.json.golden');
  });

  it('has the documented shape', () => {
    const doc = JSON.parse(renderPlanJson(samplePlan()));
    expect(doc.format_version).toBe(1);
    expect(doc.summary).toEqual({ create: 1, update: 3, delete: 1, unchanged: 4 });
    expect(doc.changes.map((c: { action: string }) => c.action)).toEqual([
      'delete',
      'update',
      'create',
      'update',
      'update',
    ]);
    const create = doc.changes[2];
    expect(create).toMatchObject({ id: null, calls: ['create'], before: null });
    const sales = doc.changes.find((c: { name: string }) => c.name === 'Sales');
    expect(sales).toMatchObject({
      id: uuid(1),
      calls: ['update_dial_info'],
      changed_fields: ['source', 'try_interval'],
      before: { try_interval: 600_000 },
      after: { try_interval: 7_200_000 },
      before_human: { try_interval: '10m' },
      after_human: { try_interval: '2h' },
      campaigns: [{ id: uuid(101), name: 'Spring sale', status: 'run' }],
    });
    expect(sales.notes[0].code).toBe('running-campaign-dial-info');
    expect(doc.unmanaged[0]).toMatchObject({ name: 'manual-east', reason: 'excluded' });
    expect(doc.warnings).toEqual([]);
  });
});
