import type { DesiredState } from '../model/desired.js';
import { formatPosition } from '../model/diagnostic.js';
import { displayName } from '../model/display.js';
import type { LiveOutplan } from '../model/outplan.js';
import { buildPlan } from '../plan/index.js';

/**
 * What still differs after a fresh apply, by re-planning the config against the re-listed
 * account. A declared name held by more than one live outplan counts too (what a create
 * that went through twice, or a second apply racing this one, leaves behind), whether or
 * not the planner treats it as an identity problem.
 */
export function remainingAfterApply(
  desired: DesiredState,
  liveAfter: readonly LiveOutplan[],
  prune: boolean,
): string[] {
  const { plan, problems } = buildPlan({ desired, live: liveAfter, campaigns: [], prune });
  const byName = duplicatesOf(
    desired.outplans.filter((o) => o.pin === null).map((o) => o.fields.name),
    liveAfter,
  );
  return [
    ...byName,
    ...problems
      .filter((p) => p.code !== 'ambiguous-name')
      .map((p) => `${p.message}${p.at ? ` (${formatPosition(p.at)})` : ''}`),
    ...plan.changes.map((c) => `${c.action} ${displayName(c.name)} is still needed`),
  ];
}

/**
 * One line per name (of `names`) that more than one live outplan holds, with their ids:
 * the config declares one outplan there, and the account has several.
 */
export function duplicatesOf(names: readonly string[], live: readonly LiveOutplan[]): string[] {
  const wanted = new Set(names);
  const holders = new Map<string, string[]>();
  for (const outplan of live) {
    const name = outplan.fields.name;
    if (!wanted.has(name)) continue;
    holders.set(name, [...(holders.get(name) ?? []), outplan.id]);
  }
  return [...holders]
    .filter(([, ids]) => ids.length > 1)
    .map(
      ([name, ids]) =>
        `${displayName(name)} is held by ${ids.length} live outplans (${ids.join(', ')}); the config declares one`,
    );
}
