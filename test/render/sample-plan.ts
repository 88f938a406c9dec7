/** One plan with every kind of change, shared by the renderer golden tests. */
import { buildPlan, type Plan } from '../../src/plan/index.js';
import { campaign, desiredOutplan, desiredState, liveOutplan, uuid } from '../plan/builders.js';

export function samplePlan(): Plan {
  const live = [
    liveOutplan(uuid(1), { name: 'Sales' }),
    liveOutplan(uuid(2), {
      name: 'Support (old)',
      detail: 'Weekdays\nBusiness hours\nEscalate after 3 tries',
    }),
    liveOutplan(uuid(3), { name: 'Legacy promo' }),
    liveOutplan(uuid(4), { name: 'manual-east' }),
    liveOutplan(uuid(5), { name: 'Collections', try_interval: 3_600_000 }),
    liveOutplan(uuid(6), { name: 'Unchanged 1' }),
    liveOutplan(uuid(7), { name: 'Unchanged 2' }),
    liveOutplan(uuid(8), { name: 'Unchanged 3' }),
    liveOutplan(uuid(9), { name: 'Unchanged 4' }),
  ];
  const desired = desiredState(
    [
      desiredOutplan(
        {
          name: 'Sales',
          try_interval: 7_200_000,
          source: { target: '+15550000001', target_name: 'Sales line' },
        },
        { line: 4 },
      ),
      desiredOutplan(
        { name: 'Support', detail: 'Weekdays\nBusiness hours | 9-5\nEscalate after 3 tries' },
        { pin: uuid(2), line: 14 },
      ),
      desiredOutplan(
        {
          name: 'Collections',
          try_interval: 3_600_000,
          max_try_count_0: 5,
          detail: 'Overdue accounts',
        },
        { line: 24 },
      ),
      desiredOutplan(
        { name: 'Night shift', dial_timeout: 45_000, detail: 'After 18:00' },
        { line: 34 },
      ),
      ...['Unchanged 1', 'Unchanged 2', 'Unchanged 3', 'Unchanged 4'].map((name, i) =>
        desiredOutplan({ name }, { line: 44 + i * 10 }),
      ),
    ],
    ['manual-*'],
  );
  const campaigns = [
    campaign(uuid(101), 'Spring sale', 'run', uuid(1)),
    campaign(uuid(102), 'Winter promo', 'stop', uuid(3)),
  ];
  return buildPlan({ desired, live, campaigns, prune: true }).plan;
}
