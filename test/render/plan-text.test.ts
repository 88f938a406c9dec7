import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/index.js';
import { renderPlanText } from '../../src/render/index.js';
import { desiredOutplan, desiredState, liveOutplan, uuid } from '../plan/builders.js';
import { samplePlan } from './sample-plan.js';

describe('renderPlanText', () => {
  it('matches the golden output (colour off)', async () => {
    await expect(renderPlanText(samplePlan(), { colour: false })).toMatchFileSnapshot(
      './golden/plan.txt.golden',
    );
  });

  it('ends with the summary line', () => {
    const text = renderPlanText(samplePlan(), { colour: false });
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      'Plan: 1 to create, 3 to update, 1 to delete, 4 unchanged.',
    );
  });

  it('shows deletes first and durations in human form', () => {
    const text = renderPlanText(samplePlan(), { colour: false });
    expect(text.indexOf('- delete')).toBeLessThan(text.indexOf('~ update'));
    expect(text).toContain('try_interval: 10m → 2h');
    expect(text).toContain(`PUT /outplans/${uuid(1)}/dial_info`);
  });

  it('uses colour only when asked', () => {
    expect(renderPlanText(samplePlan(), { colour: false })).not.toContain('\x1b[');
    const coloured = renderPlanText(samplePlan(), { colour: true });
    expect(coloured).toContain('\x1b[31m- delete');
    expect(coloured.replace(new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g'), '')).toBe(
      renderPlanText(samplePlan(), { colour: false }),
    );
  });

  it('says so when nothing changes', () => {
    const live = [liveOutplan(uuid(1), { name: 'A' }), liveOutplan(uuid(2), { name: 'B' })];
    const { plan } = buildPlan({
      desired: desiredState(live.map((l) => desiredOutplan(l.fields))),
      live,
      campaigns: [],
      prune: false,
    });
    expect(renderPlanText(plan, { colour: false })).toBe(
      'No changes. 2 outplans match the configuration.\n',
    );
    const one = { ...plan, unchanged: 1 };
    expect(renderPlanText(one, { colour: false })).toBe(
      'No changes. 1 outplan matches the configuration.\n',
    );
  });

  it('lists unmanaged outplans briefly, with a cap, and plan warnings after the summary', () => {
    const live = Array.from({ length: 4 }, (_, i) => liveOutplan(uuid(i + 1), { name: `u${i}` }));
    const { plan } = buildPlan({ desired: desiredState([]), live, campaigns: null, prune: false });
    expect(renderPlanText(plan, { colour: false, maxUnmanaged: 2 })).toBe(
      [
        'Unmanaged (live, not in the configuration; left alone):',
        `  "u0" (${uuid(1)}): not declared; --prune would delete it`,
        `  "u1" (${uuid(2)}): not declared; --prune would delete it`,
        '  ... and 2 more (--format json lists all).',
        '',
        'No changes. 0 outplans match the configuration.',
        '',
        'Warnings:',
        '  ! Campaigns could not be listed, so this plan cannot say which campaigns its changes affect.',
        '',
      ].join('\n'),
    );
  });

  it('shows a multi-line detail of a new outplan line by line', () => {
    const { plan } = buildPlan({
      desired: desiredState([desiredOutplan({ name: 'N', detail: 'one\ntwo' })]),
      live: [],
      campaigns: [],
      prune: false,
    });
    expect(renderPlanText(plan, { colour: false })).toContain(
      '    detail:\n      + one\n      + two\n',
    );
  });
});
