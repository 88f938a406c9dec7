/**
 * A saved plan checked against the live account, after its fingerprint matched. The checksum
 * only proves the file is intact, not who wrote it (anyone can recompute it), so before
 * apply makes a call the plan must also be consistent with what it claims to have read:
 * every outplan it updates or deletes is one it listed and one that is live now, once, and
 * the current values it recorded (what the reviewed diff was computed from) are the live
 * values. A plan that fails is refused: its diff is not what applying would change.
 */
import { displayName, displayToken } from '../model/display.js';
import { changedFields, type LiveOutplan } from '../model/outplan.js';
import type { SavedPlan } from './saved-plan.js';
import type { DeleteChange, UpdateChange } from './types.js';

export type SavedPlanMismatchKind =
  'not-in-fingerprint' | 'not-live' | 'duplicate-id' | 'before-differs';

export interface SavedPlanMismatch {
  readonly kind: SavedPlanMismatchKind;
  readonly id: string;
  /** The name the plan records for the outplan. */
  readonly name: string;
  /** One line naming the outplan (escaped) and what is wrong. */
  readonly message: string;
}

/** Every mismatch, in plan order; empty when the plan is consistent with the live account. */
export function verifySavedPlanAgainstLive(
  saved: SavedPlan,
  live: readonly LiveOutplan[],
): SavedPlanMismatch[] {
  const listed = new Set(saved.live_fingerprint.outplans.map((entry) => entry.id));
  const liveById = new Map(live.map((outplan) => [outplan.id, outplan]));
  const seen = new Set<string>();
  const mismatches: SavedPlanMismatch[] = [];
  for (const change of saved.plan.changes) {
    if (change.action === 'create') continue;
    const problem = mismatchOf(change, listed, liveById, seen);
    if (problem) mismatches.push(problem);
    seen.add(change.id);
  }
  return mismatches;
}

function mismatchOf(
  change: UpdateChange | DeleteChange,
  listed: ReadonlySet<string>,
  liveById: ReadonlyMap<string, LiveOutplan>,
  seen: ReadonlySet<string>,
): SavedPlanMismatch | null {
  const who = `${displayName(change.before.name)} (${displayToken(change.id)})`;
  const verb = change.action === 'update' ? 'update' : 'delete';
  const mismatch = (kind: SavedPlanMismatchKind, text: string): SavedPlanMismatch => ({
    kind,
    id: change.id,
    name: change.before.name,
    message: `The plan would ${verb} ${who}, ${text}`,
  });
  if (seen.has(change.id)) {
    return mismatch('duplicate-id', 'which an earlier change of the plan already changes.');
  }
  if (!listed.has(change.id)) {
    return mismatch(
      'not-in-fingerprint',
      'but its live fingerprint does not list that outplan: the plan was not made from this account.',
    );
  }
  const current = liveById.get(change.id);
  if (!current) return mismatch('not-live', 'which is not a live outplan in this account.');
  const differs = changedFields(current.fields, change.before);
  if (differs.length > 0) {
    return mismatch(
      'before-differs',
      `but the current values it records differ from the live outplan in ${differs.join(', ')}, ` +
        'so its diff is not what applying would change.',
    );
  }
  return null;
}
