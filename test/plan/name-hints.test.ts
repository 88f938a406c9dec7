import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/index.js';
import { renderPlanJson, renderPlanMarkdown, renderPlanText } from '../../src/render/index.js';
import { desiredOutplan, desiredState, liveOutplan, uuid } from './builders.js';

describe('a create that reads as a rename', () => {
  it('names the live outplan with identical settings and the exact id line to add', () => {
    const { plan } = buildPlan({
      desired: desiredState([desiredOutplan({ name: 'Sales EU' })]),
      live: [liveOutplan(uuid(1), { name: 'Sales Europe' })],
      campaigns: [],
      prune: true,
    });
    const create = plan.changes.find((c) => c.action === 'create')!;
    expect(create.notes).toEqual([
      {
        code: 'looks-like-rename',
        severity: 'warning',
        message:
          `This create has exactly the settings of "Sales Europe" (${uuid(1)}, deleted by this plan): ` +
          `if it is a rename, add \`id: ${uuid(1)}\` to this outplan so the rename keeps that id and ` +
          'every campaign that uses it; as planned, a new outplan is created and the old one deleted.',
      },
    ]);
  });

  it('also for an unmanaged outplan, and not when a setting differs', () => {
    const live = [
      liveOutplan(uuid(1), { name: 'Old' }),
      liveOutplan(uuid(2), { name: 'Other', detail: 'different' }),
    ];
    const { plan } = buildPlan({
      desired: desiredState([desiredOutplan({ name: 'New' })]),
      live,
      campaigns: [],
      prune: false,
    });
    const [note] = plan.changes[0]!.notes;
    expect(note!.message).toContain(`"Old" (${uuid(1)}, not declared)`);
    expect(note!.message).not.toContain(uuid(2));
    expect(renderPlanText(plan, { colour: false })).toContain(`add \`id: ${uuid(1)}\``);
  });
});

describe('look-alike names', () => {
  it.each([
    ['Caf\u00e9', 'Cafe\u0301', '"Caf\\u00e9"', '"Cafe\\u0301"'],
    ['Sales\u200b', 'Sales', '"Sales\\u200b"', '"Sales"'],
    ['Sales', '\ufeffSales', '"Sales"', '"\\ufeffSales"'],
  ])(
    'warns when creating %j next to %j, naming both visibly',
    (created, existing, shownNew, shownOld) => {
      const { plan } = buildPlan({
        desired: desiredState([desiredOutplan({ name: created, detail: 'new' })]),
        live: [liveOutplan(uuid(1), { name: existing })],
        campaigns: [],
        prune: true,
      });
      expect(plan.changes.map((c) => c.action)).toEqual(['delete', 'create']);
      const warning = plan.warnings.find((w) => w.code === 'lookalike-names')!;
      expect(warning.message).toBe(
        `The plan creates ${shownNew} and deletes ${shownOld} (${uuid(1)}): the names differ only in ` +
          'invisible characters or Unicode form, so they look the same but are different outplans.',
      );
      expect(warning.hint).toContain(`id: ${uuid(1)}`);
      // Every format shows the warning, and the invisible characters as escapes.
      expect(renderPlanText(plan, { colour: false })).toContain(shownNew.slice(0, -1));
      expect(renderPlanMarkdown(plan)).toContain('lookalike-names');
      const json = JSON.parse(renderPlanJson(plan)) as { warnings: { code: string }[] };
      expect(json.warnings.map((w) => w.code)).toContain('lookalike-names');
      expect(renderPlanJson(plan)).not.toMatch(/[\u200b\ufeff]/);
    },
  );

  it('says nothing for names that merely share letters or differ in case', () => {
    const { plan } = buildPlan({
      desired: desiredState([desiredOutplan({ name: 'sales', detail: 'x' })]),
      live: [liveOutplan(uuid(1), { name: 'Sales' })],
      campaigns: [],
      prune: true,
    });
    expect(plan.warnings).toEqual([]);
  });
});
