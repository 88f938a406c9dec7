/**
 * Whether the live account already is a saved plan's end state: the plan was applied (by an
 * earlier run of the same file, say a CI job retried after it succeeded). Then applying it
 * again must do nothing and say so, not refuse it as stale.
 */
import { changedFields, type LiveOutplan } from '../model/outplan.js';
import type { SavedPlan } from './saved-plan.js';

/**
 * True when every change of the plan shows as done and nothing else moved: each deleted id
 * is gone, each updated id holds exactly its new fields, each create is exactly one outplan
 * that was not there when the plan was made, and every other outplan the plan read is still
 * there, untouched (same `tm_update`). A plan with no change is not "applied": it is empty.
 */
export function savedPlanAlreadyApplied(saved: SavedPlan, live: readonly LiveOutplan[]): boolean {
  const changes = saved.plan.changes;
  if (changes.length === 0) return false;
  const byId = new Map(live.map((l) => [l.id, l]));
  const touched = new Set<string>();
  for (const change of changes) {
    if (change.action === 'create') continue;
    touched.add(change.id);
    const now = byId.get(change.id);
    if (change.action === 'delete' ? now !== undefined : !now || differs(now, change.after))
      return false;
  }
  const before = new Set(saved.live_fingerprint.outplans.map((e) => e.id));
  for (const entry of saved.live_fingerprint.outplans) {
    if (touched.has(entry.id)) continue;
    const now = byId.get(entry.id);
    if (!now || now.tmUpdate !== entry.tm_update || now.tmDelete !== entry.tm_delete) return false;
  }
  // What appeared since must be exactly the creates, one outplan each.
  const appeared = live.filter((l) => !before.has(l.id));
  const creates = changes.filter((c) => c.action === 'create');
  if (appeared.length !== creates.length) return false;
  const unmatched = [...appeared];
  for (const create of creates) {
    const index = unmatched.findIndex((l) => !differs(l, create.after));
    if (index < 0) return false;
    unmatched.splice(index, 1);
  }
  return true;
}

function differs(live: LiveOutplan, after: LiveOutplan['fields']): boolean {
  return changedFields(live.fields, after).length > 0;
}
