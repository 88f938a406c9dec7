import { changedFields, type LiveOutplan } from '../model/outplan.js';
import type { Change } from '../plan/index.js';
import type { CallRecord } from './call-record.js';

/** A change whose intended result is not what the account shows after the run. */
export interface Divergence {
  readonly name: string;
  readonly id: string | null;
  readonly reason: string;
}

/**
 * Checks the re-listed account against what each change meant to achieve. Used after
 * applying a saved plan, where there is no config to re-plan against.
 */
export function findDivergences(
  changes: readonly Change[],
  records: readonly CallRecord[],
  liveAfter: readonly LiveOutplan[],
): Divergence[] {
  const byId = new Map(liveAfter.map((l) => [l.id, l]));
  const divergences: Divergence[] = [];
  for (const change of changes) {
    if (change.action === 'delete') {
      if (byId.has(change.id))
        divergences.push({ name: change.name, id: change.id, reason: 'still exists' });
      continue;
    }
    const id =
      change.action === 'update'
        ? change.id
        : (records.find((r) => r.call === 'create' && r.name === change.name)?.id ?? null);
    const live = id === null ? undefined : byId.get(id);
    if (!live) {
      divergences.push({ name: change.name, id, reason: 'does not exist' });
      continue;
    }
    const differing = changedFields(live.fields, change.after);
    if (differing.length > 0) {
      divergences.push({ name: change.name, id, reason: `differs in ${differing.join(', ')}` });
    }
  }
  return divergences;
}
