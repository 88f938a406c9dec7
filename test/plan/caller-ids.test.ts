import { describe, expect, it } from 'vitest';
import type { AccountNumber } from '../../src/model/number.js';
import { buildPlan, checkCallerIds } from '../../src/plan/index.js';
import { renderPlanJson, renderPlanMarkdown, renderPlanText } from '../../src/render/index.js';
import { desiredOutplan, desiredState, uuid } from './builders.js';

const numbers: AccountNumber[] = [
  { id: uuid(1), number: '+15550000001', type: 'normal', status: 'active' },
  { id: uuid(2), number: '+15550000002', type: 'normal', status: 'inactive' },
  { id: uuid(3), number: '+899100000003', type: 'virtual', status: 'active' },
];

const tel = (name: string, target: string, line: number) =>
  desiredOutplan({ name, source: { type: 'tel', target } }, { line });

describe('checkCallerIds: the server rule', () => {
  const outplans = [
    tel('Owned', '+15550000001', 1),
    tel('Inactive', '+15550000002', 2),
    tel('Virtual', '+899100000003', 3),
    tel('Typo', '+1555000001', 4),
    desiredOutplan({ name: 'Sip', source: { type: 'sip', target: 'sip:a@b' } }, { line: 5 }),
  ];

  it('names each outplan whose tel caller ID is not an active normal number, and why', () => {
    const warnings = checkCallerIds(outplans, numbers);
    expect(warnings.map((w) => [w.code, w.outplan, w.number])).toEqual([
      ['caller-id-not-active', 'Inactive', '+15550000002'],
      ['caller-id-virtual', 'Virtual', '+899100000003'],
      ['caller-id-not-owned', 'Typo', '+1555000001'],
    ]);
    expect(warnings[0]!.message).toBe(
      'Outplan "Inactive" uses caller ID +15550000002, a number of this account whose status is "inactive", not "active". ' +
        "On every call VoIPBIN will silently use the account's default outbound number instead, or fail the call if the account has none.",
    );
    expect(warnings[1]!.message).toContain('never a PSTN caller ID');
    expect(warnings[2]!.message).toContain(
      "not a number of this account (perhaps another customer's",
    );
    expect(warnings[2]!.at).toEqual(outplans[3]!.at);
  });

  it('matches the number exactly, and an active normal row wins over others', () => {
    expect(checkCallerIds([tel('Spaces', '+1 5550000001', 1)], numbers)).toHaveLength(1);
    const twice: AccountNumber[] = [
      { id: uuid(4), number: '+15550000009', type: 'normal', status: 'deleted' },
      { id: uuid(5), number: '+15550000009', type: 'normal', status: 'active' },
    ];
    expect(checkCallerIds([tel('Ok', '+15550000009', 1)], twice)).toEqual([]);
  });

  it('checks nothing without a tel source, and says once when numbers could not be listed', () => {
    expect(checkCallerIds([outplans[4]!], null)).toEqual([]);
    const [warning, ...rest] = checkCallerIds(outplans, null);
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({ code: 'caller-id-unverified', outplan: null, at: null });
    expect(warning!.message).toMatch(/^The caller IDs of 4 outplans could not be verified/);
  });

  it('are plan warnings in every format when buildPlan is given the numbers', () => {
    const { plan } = buildPlan({
      desired: desiredState(outplans),
      live: [],
      campaigns: [],
      prune: false,
      numbers,
    });
    expect(plan.warnings.map((w) => w.code)).toEqual([
      'caller-id-not-active',
      'caller-id-virtual',
      'caller-id-not-owned',
    ]);
    expect(Object.keys(plan.warnings[0]!).sort()).toEqual(['at', 'code', 'hint', 'message']);
    expect(renderPlanText(plan, { colour: false })).toMatch(/Warnings:\n {2}! Outplan "Inactive"/);
    expect(renderPlanMarkdown(plan)).toContain('#### Warnings');
    expect(renderPlanJson(plan)).toContain('"code": "caller-id-virtual"');
    const unchecked = buildPlan({
      desired: desiredState(outplans),
      live: [],
      campaigns: [],
      prune: false,
    });
    expect(unchecked.plan.warnings).toEqual([]);
  });
});
