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

/**
 * Whether the live account already is this plan's end state: every update's outplan holds
 * its `after` values, every deleted outplan is gone, each create is matched by exactly one
 * outplan created since the plan (same values), and every outplan the plan did not touch is
 * as it was read (same `tm_update`). Then a stale-fingerprint refusal would be wrong: the
 * plan was applied already (a re-run of the same CI job), and applying again does nothing.
 * A plan with no change is not "applied": it is empty.
 */
export function isSavedPlanApplied(saved: SavedPlan, live: readonly LiveOutplan[]): boolean {
  if (saved.plan.changes.length === 0) return false;
  const liveById = new Map(live.map((outplan) => [outplan.id, outplan]));
  const read = new Map(saved.live_fingerprint.outplans.map((entry) => [entry.id, entry]));
  const touched = new Set<string>();
  for (const change of saved.plan.changes) {
    if (change.action === 'create') continue;
    touched.add(change.id);
    const now = liveById.get(change.id);
    if (change.action === 'delete' ? now !== undefined : !now) return false;
    if (change.action === 'update' && changedFields(now!.fields, change.after).length > 0) {
      return false;
    }
  }
  for (const [id, entry] of read) {
    if (touched.has(id)) continue;
    const now = liveById.get(id);
    if (!now || now.tmUpdate !== entry.tm_update) return false;
  }
  // What is live and was not read must be exactly the creates, one outplan each.
  const created = live.filter((outplan) => !read.has(outplan.id));
  const creates = saved.plan.changes.filter((c) => c.action === 'create');
  if (created.length !== creates.length) return false;
  const unmatched = [...created];
  for (const create of creates) {
    const i = unmatched.findIndex((o) => changedFields(o.fields, create.after).length === 0);
    if (i < 0) return false;
    unmatched.splice(i, 1);
  }
  return true;
}
