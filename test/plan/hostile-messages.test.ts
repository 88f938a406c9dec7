/* eslint-disable no-control-regex -- these tests look for raw control characters */
/** Names and ids from the API reach messages escaped: one line each, no raw control character. */
import { describe, expect, it } from 'vitest';
import {
  buildPlan,
  checkSafety,
  compareLiveFingerprint,
  describeStaleReasons,
  fingerprintLive,
} from '../../src/plan/index.js';
import { campaign, desiredOutplan, desiredState, liveOutplan, uuid } from './builders.js';

const EVIL = 'evil\n+ create "fake"\x1b[31m';
const SHOWN = '"evil\\n+ create \\"fake\\"\\u001b[31m"';
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

describe('messages about hostile names', () => {
  it('safety refusals', () => {
    const live = [
      liveOutplan(uuid(1), { name: EVIL }),
      liveOutplan(uuid(2), { name: 'B' }),
      liveOutplan(uuid(3), { name: 'C' }),
    ];
    const { plan } = buildPlan({
      desired: desiredState([desiredOutplan({ name: 'B' })]),
      live,
      campaigns: [campaign(uuid(101), 'Camp\x1b]0;x\x07', 'run', uuid(1))],
      prune: true,
    });
    const refusals = checkSafety(plan, { liveCount: 3, campaignsKnown: true });
    expect(refusals.map((r) => r.code)).toEqual(['MASS_DELETE_SHARE', 'DELETE_IN_USE']);
    for (const r of refusals) {
      expect(r.message).toContain(SHOWN);
      expect(r.message).not.toMatch(RAW_CONTROL);
    }
    expect(refusals[1]!.message).toContain('"Camp\\u001b]0;x\\u0007"');
    // The refusal still carries the real name for machine output.
    expect(refusals[0]!.outplans.map((o) => o.name)).toContain(EVIL);
    // Notes on the change are escaped too.
    for (const note of plan.changes[0]!.notes) expect(note.message).not.toMatch(RAW_CONTROL);
  });

  it('stale-plan reasons', () => {
    const saved = fingerprintLive([liveOutplan(uuid(1), { name: EVIL })]);
    const now = [liveOutplan('x\ny', { name: `${EVIL}2` })];
    const text = describeStaleReasons(compareLiveFingerprint(saved, now));
    expect(text.split('\n')).toEqual([
      `deleted since the plan was made: ${SHOWN} (${uuid(1)})`,
      `created since the plan was made: "evil\\n+ create \\"fake\\"\\u001b[31m2" ("x\\ny")`,
    ]);
  });

  it('identity problems and the rename note', () => {
    const live = [
      liveOutplan(uuid(1), { name: EVIL }),
      liveOutplan(uuid(2), { name: EVIL, detail: 'differs' }),
      liveOutplan(uuid(3), { name: 'old\x1b[2J' }),
    ];
    const { plan, problems } = buildPlan({
      desired: desiredState([
        desiredOutplan({ name: EVIL }),
        desiredOutplan({ name: 'new' }, { pin: uuid(3) }),
        desiredOutplan({ name: 'gone\u009b' }, { pin: 'no\nsuch' }),
      ]),
      live,
      campaigns: [],
      prune: false,
    });
    expect(problems.map((p) => p.code).sort()).toEqual(['ambiguous-name', 'pin-not-found']);
    for (const p of problems) expect(p.message).not.toMatch(RAW_CONTROL);
    expect(problems.find((p) => p.code === 'ambiguous-name')!.message).toContain(SHOWN);
    expect(problems.find((p) => p.code === 'pin-not-found')!.message).toContain(
      'Outplan "gone\\u009b" is pinned to id "no\\nsuch"',
    );
    expect(plan.changes[0]!.notes[0]!.message).toBe(
      'Renamed from "old\\u001b[2J" (matched by its id pin).',
    );
  });
});
