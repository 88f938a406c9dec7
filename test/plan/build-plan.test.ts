import { describe, expect, it } from 'vitest';
import type { DesiredOutplan } from '../../src/model/desired.js';
import type { FieldName } from '../../src/model/outplan.js';
import { buildPlan, type Change, type UpdateChange } from '../../src/plan/index.js';
import {
  campaign,
  desiredOutplan,
  desiredState,
  liveOutplan,
  uuid,
  type FieldsInput,
} from './builders.js';

function planOne(desired: FieldsInput, live: FieldsInput) {
  return buildPlan({
    desired: desiredState([desiredOutplan(desired)]),
    live: [liveOutplan(uuid(1), live)],
    campaigns: [],
    prune: false,
  });
}

function onlyUpdate(changes: readonly Change[]): UpdateChange {
  expect(changes).toHaveLength(1);
  const change = changes[0]!;
  if (change.action !== 'update') throw new Error(`expected an update, got ${change.action}`);
  return change;
}

describe('buildPlan: one field at a time', () => {
  const cases: [string, FieldsInput, FieldName[], string[]][] = [
    ['detail', { detail: 'new words' }, ['detail'], ['update_basic']],
    ['dial_timeout', { dial_timeout: 45_000 }, ['dial_timeout'], ['update_dial_info']],
    ['try_interval', { try_interval: 7_200_000 }, ['try_interval'], ['update_dial_info']],
    ['max_try_count_0', { max_try_count_0: 5 }, ['max_try_count_0'], ['update_dial_info']],
    ['max_try_count_1', { max_try_count_1: 5 }, ['max_try_count_1'], ['update_dial_info']],
    ['max_try_count_2', { max_try_count_2: 5 }, ['max_try_count_2'], ['update_dial_info']],
    ['max_try_count_3', { max_try_count_3: 0 }, ['max_try_count_3'], ['update_dial_info']],
    ['max_try_count_4', { max_try_count_4: 1 }, ['max_try_count_4'], ['update_dial_info']],
    ['source.type', { source: { type: 'sip' } }, ['source'], ['update_dial_info']],
    ['source.target', { source: { target: '+15550000001' } }, ['source'], ['update_dial_info']],
    ['source.target_name', { source: { target_name: 'Line 1' } }, ['source'], ['update_dial_info']],
    ['source.name', { source: { name: 'n' } }, ['source'], ['update_dial_info']],
    ['source.detail', { source: { detail: 'd' } }, ['source'], ['update_dial_info']],
    [
      'both groups',
      { detail: 'x', try_interval: 60_000 },
      ['detail', 'try_interval'],
      ['update_basic', 'update_dial_info'],
    ],
  ];

  it.each(cases)('%s', (_label, change, changed, calls) => {
    const { plan, problems } = planOne(change, {});
    expect(problems).toEqual([]);
    const update = onlyUpdate(plan.changes);
    expect(update.changed).toEqual(changed);
    expect(update.calls).toEqual(calls);
    expect(update.id).toBe(uuid(1));
    // Both sides are complete, so apply can send whole field groups.
    expect(update.before.source.type).toBe('tel');
    expect(update.after.max_try_count_4).toBeTypeOf('number');
    expect(plan.unchanged).toBe(0);
  });

  it('treats an absent source subfield and "" as equal (no perpetual diff)', () => {
    // fields() normalises absent to "", as the config and API layers do; an explicit "" is the same.
    const { plan } = planOne({ source: { target_name: '' } }, {});
    expect(plan.changes).toEqual([]);
    expect(plan.unchanged).toBe(1);
  });

  it('plans nothing when everything matches', () => {
    const { plan, problems } = planOne({}, {});
    expect(problems).toEqual([]);
    expect(plan).toEqual({ changes: [], unchanged: 1, unmanaged: [], warnings: [] });
  });
});

describe('buildPlan: identity', () => {
  it('creates what nothing live matches, with every field and the position', () => {
    const d = desiredOutplan({ name: 'New' }, { line: 7 });
    const { plan } = buildPlan({
      desired: desiredState([d]),
      live: [],
      campaigns: [],
      prune: false,
    });
    expect(plan.changes).toEqual([
      {
        action: 'create',
        id: null,
        name: 'New',
        after: d.fields,
        calls: ['create'],
        at: d.at,
        campaigns: [],
        notes: [],
      },
    ]);
  });

  it('renames through an id pin', () => {
    const { plan, problems } = buildPlan({
      desired: desiredState([desiredOutplan({ name: 'New name' }, { pin: uuid(1) })]),
      live: [liveOutplan(uuid(1), { name: 'Old name' })],
      campaigns: [],
      prune: true,
    });
    expect(problems).toEqual([]);
    const update = onlyUpdate(plan.changes);
    expect(update).toMatchObject({ id: uuid(1), name: 'New name', changed: ['name'] });
    expect(update.calls).toEqual(['update_basic']);
    expect(update.notes.map((n) => n.code)).toEqual(['renamed']);
    expect(update.notes[0]!.message).toContain('"Old name"');
  });

  it('matches a pin case-insensitively', () => {
    const { plan, problems } = buildPlan({
      desired: desiredState([desiredOutplan({}, { pin: uuid(1).toUpperCase() })]),
      live: [liveOutplan(uuid(1))],
      campaigns: [],
      prune: true,
    });
    expect(problems).toEqual([]);
    expect(plan.unchanged).toBe(1);
  });

  it('reports two differing live outplans with one name as a problem listing both ids, never a guess', () => {
    const d = desiredOutplan({ name: 'Sales' }, { line: 12 });
    const { plan, problems } = buildPlan({
      desired: desiredState([d]),
      live: [liveOutplan(uuid(1)), liveOutplan(uuid(2), { max_try_count_4: 9 })],
      campaigns: [],
      prune: true,
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity: 'error', code: 'ambiguous-name', at: d.at });
    expect(problems[0]!.message).toContain('their settings differ');
    expect(problems[0]!.message).toContain(uuid(1));
    expect(problems[0]!.message).toContain(uuid(2));
    expect(problems[0]!.hint).toContain(`id: ${uuid(1)}`);
    // Neither is deleted or updated while the problem stands, even with --prune.
    expect(plan.changes).toEqual([]);
    expect(plan.unmanaged.map((u) => [u.id, u.reason])).toEqual([
      [uuid(1), 'ambiguous'],
      [uuid(2), 'ambiguous'],
    ]);
  });

  it('resolves duplicate live names once one of them is pinned', () => {
    const { plan, problems } = buildPlan({
      desired: desiredState([
        desiredOutplan({ name: 'Sales' }, { pin: uuid(2) }),
        desiredOutplan({ name: 'Sales', detail: 'other' }),
      ]),
      live: [liveOutplan(uuid(1)), liveOutplan(uuid(2))],
      campaigns: [],
      prune: true,
    });
    expect(problems).toEqual([]);
    expect(onlyUpdate(plan.changes)).toMatchObject({ id: uuid(1), changed: ['detail'] });
    expect(plan.unchanged).toBe(1);
  });

  it('reports a pin to an id that is not live, at the id line, and plans nothing for it', () => {
    const d = desiredOutplan({ name: 'Gone' }, { pin: uuid(9) });
    const { plan, problems } = buildPlan({
      desired: desiredState([d]),
      live: [],
      campaigns: [],
      prune: false,
    });
    expect(plan.changes).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'pin-not-found', at: d.fieldAt.id });
    expect(problems[0]!.message).toMatch(/deleted.*another account/);
    expect(problems[0]!.hint).toMatch(/Remove the `id:` line/);
  });

  it('lets a pin win over a name: the old name declared again is a new outplan', () => {
    // "Support" is renamed to "Help" through its pin, and a new "Support" is declared.
    const { plan, problems } = buildPlan({
      desired: desiredState([
        desiredOutplan({ name: 'Help' }, { pin: uuid(1) }),
        desiredOutplan({ name: 'Support' }),
      ]),
      live: [liveOutplan(uuid(1), { name: 'Support' })],
      campaigns: [],
      prune: true,
    });
    expect(problems).toEqual([]);
    expect(plan.changes.map((c) => [c.action, c.name, c.id])).toEqual([
      ['update', 'Help', uuid(1)],
      ['create', 'Support', null],
    ]);
  });

  it('refuses a desired state with a pin or an unpinned name twice (the config reports those)', () => {
    const plan = (outplans: DesiredOutplan[]) => () =>
      buildPlan({ desired: desiredState(outplans), live: [], campaigns: [], prune: false });
    expect(
      plan([
        desiredOutplan({ name: 'A' }, { pin: uuid(1) }),
        desiredOutplan({ name: 'B' }, { pin: uuid(1).toUpperCase() }),
      ]),
    ).toThrow(expect.objectContaining({ code: 'DESIRED_NOT_VALIDATED', kind: 'internal' }));
    expect(plan([desiredOutplan({ name: 'A' }), desiredOutplan({ name: 'A' })])).toThrow(
      /name "A" twice/,
    );
  });

  it('refuses a live listing that holds one id twice: nothing is planned from it', () => {
    expect(() =>
      buildPlan({
        desired: desiredState([desiredOutplan({ name: 'A' })]),
        live: [liveOutplan(uuid(1), { name: 'A' }), liveOutplan(uuid(1), { name: 'B' })],
        campaigns: [],
        prune: true,
      }),
    ).toThrow(expect.objectContaining({ code: 'INCONSISTENT_LISTING', kind: 'internal' }));
  });
});

describe('buildPlan: pruning', () => {
  const live = [
    liveOutplan(uuid(1), { name: 'Declared' }),
    liveOutplan(uuid(2), { name: 'Legacy' }),
    liveOutplan(uuid(3), { name: 'manual-east' }),
  ];
  const desired = desiredState([desiredOutplan({ name: 'Declared' })], ['manual-*']);

  it('without --prune, reports undeclared outplans as unmanaged and deletes nothing', () => {
    const { plan } = buildPlan({ desired, live, campaigns: [], prune: false });
    expect(plan.changes).toEqual([]);
    expect(plan.unmanaged).toEqual([
      { id: uuid(2), name: 'Legacy', reason: 'not-declared', exclusion: null, campaigns: [] },
      {
        id: uuid(3),
        name: 'manual-east',
        reason: 'not-declared',
        exclusion: { pattern: 'manual-*', at: { file: 'prune.yaml', line: 3, col: 7 } },
        campaigns: [],
      },
    ]);
  });

  it('with --prune, deletes undeclared outplans except those an exclusion protects', () => {
    const { plan } = buildPlan({ desired, live, campaigns: [], prune: true });
    expect(plan.changes).toEqual([
      {
        action: 'delete',
        id: uuid(2),
        name: 'Legacy',
        before: live[1]!.fields,
        calls: ['delete'],
        campaigns: [],
        notes: [],
      },
    ]);
    expect(plan.unmanaged).toMatchObject([
      { id: uuid(3), reason: 'excluded', exclusion: { pattern: 'manual-*' } },
    ]);
    expect(plan.unchanged).toBe(1);
  });

  it.each([
    ['manual-*', 'manual-east', true],
    ['manual-*', 'manual-', true],
    ['manual-*', 'Manual-east', false],
    ['*-test', 'a-test', true],
    ['*', 'anything', true],
    ['a.b', 'aXb', false],
    ['a.b', 'a.b', true],
    ['x*y*z', 'xAAyBBz', true],
    ['(old)*', '(old) plan', true],
  ])('exclusion %j protects %j: %s', (pattern, name, protectedName) => {
    const { plan } = buildPlan({
      desired: desiredState([], [pattern]),
      live: [liveOutplan(uuid(1), { name })],
      campaigns: [],
      prune: true,
    });
    expect(plan.changes.length).toBe(protectedName ? 0 : 1);
  });

  it('warns about an exclusion that matches no live outplan', () => {
    const { plan } = buildPlan({
      desired: desiredState([], ['nothing-*']),
      live: [],
      campaigns: [],
      prune: true,
    });
    expect(plan.warnings).toEqual([
      {
        code: 'exclusion-unused',
        message: 'Prune exclusion "nothing-*" matches no live outplan.',
        at: { file: 'prune.yaml', line: 3, col: 7 },
      },
    ]);
  });
});

describe('buildPlan: campaigns', () => {
  const live = [
    liveOutplan(uuid(1), { name: 'Hot' }),
    liveOutplan(uuid(2), { name: 'Parked' }),
    liveOutplan(uuid(3), { name: 'Busy' }),
  ];
  const campaigns = [
    campaign(uuid(101), 'Spring promo', 'run', uuid(1)),
    campaign(uuid(102), 'Winter promo', 'stop', uuid(2)),
    campaign(uuid(103), 'Autumn', 'stopping', uuid(3)),
    campaign(uuid(104), 'Orphan', 'run', null),
  ];

  it('flags a dial-info update on an outplan a running campaign uses', () => {
    const { plan } = buildPlan({
      desired: desiredState([
        desiredOutplan({ name: 'Hot', try_interval: 7_200_000 }),
        desiredOutplan({ name: 'Parked' }),
        desiredOutplan({ name: 'Busy' }),
      ]),
      live,
      campaigns,
      prune: false,
    });
    const update = onlyUpdate(plan.changes);
    expect(update.campaigns).toEqual([{ id: uuid(101), name: 'Spring promo', status: 'run' }]);
    expect(update.notes).toEqual([
      {
        code: 'running-campaign-dial-info',
        severity: 'warning',
        message: `Dial-info change takes effect on running campaign "Spring promo" (${uuid(101)}) within seconds.`,
      },
    ]);
  });

  it('does not flag a basic-only update on a running campaign', () => {
    const { plan } = buildPlan({
      desired: desiredState([desiredOutplan({ name: 'Hot', detail: 'x' })]),
      live: [live[0]!],
      campaigns,
      prune: false,
    });
    const update = onlyUpdate(plan.changes);
    expect(update.campaigns).toHaveLength(1);
    expect(update.notes).toEqual([]);
  });

  it('explains what deleting does to running, stopping and stopped campaigns', () => {
    const { plan } = buildPlan({
      desired: desiredState([]),
      live,
      campaigns,
      prune: true,
    });
    const notes = Object.fromEntries(plan.changes.map((c) => [c.name, c.notes.map((n) => n.code)]));
    expect(notes).toEqual({
      Busy: ['delete-in-use'],
      Hot: ['delete-in-use'],
      Parked: ['delete-stopped-campaign'],
    });
    const parked = plan.changes.find((c) => c.name === 'Parked')!;
    expect(parked.notes[0]!.message).toContain('"Winter promo"');
    expect(parked.notes[0]!.message).toContain(
      'cannot be started again until pointed at a live outplan',
    );
  });

  it('attaches campaigns to unmanaged outplans and warns when campaigns are unknown', () => {
    const { plan } = buildPlan({ desired: desiredState([]), live, campaigns: null, prune: false });
    expect(plan.unmanaged.every((u) => u.campaigns.length === 0)).toBe(true);
    expect(plan.warnings.map((w) => w.code)).toEqual(['campaigns-unknown']);
  });
});

describe('buildPlan: ordering', () => {
  it('puts deletes first, then creates and updates by name', () => {
    const { plan } = buildPlan({
      desired: desiredState([
        desiredOutplan({ name: 'b-update', detail: 'x' }),
        desiredOutplan({ name: 'a-create' }),
        desiredOutplan({ name: 'c-create' }),
      ]),
      live: [
        liveOutplan(uuid(1), { name: 'z-delete' }),
        liveOutplan(uuid(2), { name: 'b-update' }),
        liveOutplan(uuid(3), { name: 'y-delete' }),
      ],
      campaigns: [],
      prune: true,
    });
    expect(plan.changes.map((c) => `${c.action} ${c.name}`)).toEqual([
      'delete y-delete',
      'delete z-delete',
      'create a-create',
      'update b-update',
      'create c-create',
    ]);
  });
});
