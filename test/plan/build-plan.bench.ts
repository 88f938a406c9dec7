/**
 * Planner CPU time at 10 000 outplans: `npx vitest bench --run test/plan/build-plan.bench.ts`.
 * Not part of `vitest run` (no timing assertions in tests).
 */
import { bench, describe } from 'vitest';
import { buildPlan } from '../../src/plan/index.js';
import { campaign, desiredOutplan, desiredState, liveOutplan, uuid } from './builders.js';

const N = 10_000;
const live = Array.from({ length: N }, (_, i) =>
  liveOutplan(uuid(i + 1), { name: `outplan-${String(i).padStart(5, '0')}` }),
);
const campaigns = Array.from({ length: 500 }, (_, i) =>
  campaign(uuid(100_000 + i), `c${i}`, i % 2 ? 'run' : 'stop', uuid(i * 20 + 1)),
);
const same = desiredState(live.map((l, i) => desiredOutplan(l.fields, { line: i + 1 })));
const tenPercent = desiredState(
  live.map((l, i) =>
    desiredOutplan(i % 10 === 0 ? { ...l.fields, try_interval: 7_200_000 } : l.fields, {
      line: i + 1,
    }),
  ),
);

describe('buildPlan, 10 000 outplans', () => {
  bench('all unchanged', () => {
    buildPlan({ desired: same, live, campaigns, prune: true });
  });
  bench('10 % changed', () => {
    buildPlan({ desired: tenPercent, live, campaigns, prune: true });
  });
});
