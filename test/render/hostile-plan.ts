/**
 * A plan built from hostile live data: names, ids, details, sources and campaign names the
 * API returned unvalidated, carrying line breaks, ANSI and C1 escapes, bidi overrides and
 * GitHub workflow commands. Shared by the renderer tests that prove none of it acts.
 */
import { buildPlan, type Plan } from '../../src/plan/index.js';
import { campaign, desiredOutplan, desiredState, liveOutplan, uuid } from '../plan/builders.js';

export const FORGED_NAME = 'evil\n+ create "fake"\x1b[31m';
export const HOSTILE_ID = 'id\n~ update "x"';

export function hostilePlan(): Plan {
  const live = [
    liveOutplan(uuid(1), { name: FORGED_NAME, detail: 'one\n::error::pwned\n\x1b[2Jcleared' }),
    liveOutplan(uuid(2), { name: 'Support', detail: 'ok\n  ::warning::context\nend' }),
    liveOutplan(HOSTILE_ID, { name: 'odd id' }),
  ];
  const desired = desiredState(
    [
      desiredOutplan(
        { name: 'Support', detail: 'ok\n  ::warning::context\nnew \u009b31m end' },
        { line: 4 },
      ),
      desiredOutplan(
        {
          name: '::error::create me\u202e',
          detail: '##[group]x',
          source: { target: '+1555\r\nX', target_name: 'a"b\\c' },
        },
        { line: 14 },
      ),
    ],
    ['odd*', 'nothing\x1b*'],
  );
  const campaigns = [campaign(uuid(101), 'Camp\u202egnp\x07', 'run', uuid(2))];
  return buildPlan({ desired, live, campaigns, prune: true }).plan;
}
