import type { DesiredState } from '../model/desired.js';
import { formatPosition } from '../model/diagnostic.js';
import { displayName } from '../model/display.js';
import type { LiveOutplan } from '../model/outplan.js';
import { buildPlan } from '../plan/index.js';

/**
 * What still differs after a fresh apply, by re-planning the config against the re-listed
 * account. An identity problem counts too: a create that went through twice would show up
 * here as two live outplans with one name, not as a change.
 */
export function remainingAfterApply(
  desired: DesiredState,
  liveAfter: readonly LiveOutplan[],
  prune: boolean,
): string[] {
  const { plan, problems } = buildPlan({ desired, live: liveAfter, campaigns: [], prune });
  return [
    ...problems.map((p) => `${p.message}${p.at ? ` (${formatPosition(p.at)})` : ''}`),
    ...plan.changes.map((c) => `${c.action} ${displayName(c.name)} is still needed`),
  ];
}
