/**
 * Which live outplan each declared outplan means. Pins first (an `id:` pin wins over any
 * name), then names among the live outplans no pin claimed. Anything ambiguous becomes a
 * problem, never a guess, and the live outplans involved are protected from pruning.
 *
 * One exception to "never a guess": live outplans that share a declared name and are
 * identical in every managed field (what a lost race or a retried create leaves behind) are
 * the same outplan written twice. The oldest (`tm_create`, then id) is the declared one;
 * the others are duplicates, deleted under --prune like any undeclared outplan.
 *
 * The desired state comes from a validated config: names and pins that repeat are the
 * config's rule (config/cross-checks.ts), so here they are a broken precondition.
 */
import type { DesiredOutplan } from '../model/desired.js';
import { displayName, displayToken } from '../model/display.js';
import { InternalError } from '../model/errors.js';
import { changedFields, type LiveOutplan } from '../model/outplan.js';
import { compareStrings } from '../model/order.js';
import type { PlanProblem } from './types.js';

export interface IdentityMatch {
  readonly desired: DesiredOutplan;
  /** null: nothing live matches, so the outplan is created. */
  readonly live: LiveOutplan | null;
}

/** A live outplan identical to the one a declaration matched, created after it. */
export interface Duplicate {
  readonly live: LiveOutplan;
  /** The id of the oldest one, which the declaration matched and which stays. */
  readonly original: string;
}

export interface IdentityResult {
  readonly matches: readonly IdentityMatch[];
  /** Live outplans no declaration claims and no problem involves: prune candidates. */
  readonly unclaimed: readonly LiveOutplan[];
  /** Identical copies of a matched outplan: deleted under --prune, else reported. */
  readonly duplicates: readonly Duplicate[];
  /** Live outplans involved in a problem: never deleted, reported as unmanaged. */
  readonly ambiguous: readonly LiveOutplan[];
  readonly problems: readonly PlanProblem[];
}

export function matchIdentities(
  desired: readonly DesiredOutplan[],
  live: readonly LiveOutplan[],
): IdentityResult {
  assertUniqueDeclarations(desired);
  const state: MatchState = {
    liveById: new Map(live.map((outplan) => [outplan.id.toLowerCase(), outplan])),
    claimed: new Set(),
    ambiguous: new Set(),
    duplicates: [],
    matches: [],
    problems: [],
  };
  matchPins(
    desired.filter((d) => d.pin !== null),
    state,
  );
  matchNames(
    desired.filter((d) => d.pin === null),
    live,
    state,
  );
  const duplicateIds = new Set(state.duplicates.map((d) => d.live.id));
  return {
    matches: state.matches,
    unclaimed: live.filter(
      (l) => !state.claimed.has(l.id) && !state.ambiguous.has(l.id) && !duplicateIds.has(l.id),
    ),
    duplicates: state.duplicates,
    ambiguous: live.filter((l) => state.ambiguous.has(l.id) && !state.claimed.has(l.id)),
    problems: state.problems,
  };
}

interface MatchState {
  readonly liveById: ReadonlyMap<string, LiveOutplan>;
  /** Live ids a declaration matched. */
  readonly claimed: Set<string>;
  readonly ambiguous: Set<string>;
  readonly duplicates: Duplicate[];
  readonly matches: IdentityMatch[];
  readonly problems: PlanProblem[];
}

/** The config reports repeated names and pins (exit 3) before any plan is made. */
function assertUniqueDeclarations(desired: readonly DesiredOutplan[]): void {
  const pins = new Set<string>();
  const names = new Set<string>();
  for (const d of desired) {
    const key = d.pin === null ? d.fields.name : d.pin.toLowerCase();
    const seen = d.pin === null ? names : pins;
    if (seen.has(key)) {
      throw new InternalError(
        'DESIRED_NOT_VALIDATED',
        `The planner was given ${d.pin === null ? `name ${displayName(key)}` : `pin ${displayToken(key)}`} twice; the configuration's checks should have reported it.`,
      );
    }
    seen.add(key);
  }
}

function matchPins(pinned: readonly DesiredOutplan[], state: MatchState): void {
  // Pins compare case-insensitively: a UUID typed in capitals is still the same id.
  for (const desired of pinned) {
    const live = state.liveById.get(desired.pin!.toLowerCase());
    if (!live) {
      state.problems.push(pinNotFound(desired));
      continue;
    }
    state.claimed.add(live.id);
    state.matches.push({ desired, live });
  }
}

function matchNames(
  unpinned: readonly DesiredOutplan[],
  live: readonly LiveOutplan[],
  state: MatchState,
): void {
  // A live outplan a pin claimed is not a candidate for a name: the pin says where it went
  // (typically a rename), so a declaration with its old name is a different, new outplan.
  const candidatesByName = new Map<string, LiveOutplan[]>();
  for (const l of live) {
    if (state.claimed.has(l.id)) continue;
    const group = candidatesByName.get(l.fields.name);
    if (group) group.push(l);
    else candidatesByName.set(l.fields.name, [l]);
  }
  for (const desired of unpinned) {
    const candidates = candidatesByName.get(desired.fields.name) ?? [];
    if (candidates.length <= 1) {
      // The common case, without the sort and copies below (10 000 times in a large account).
      const match = candidates[0] ?? null;
      if (match) state.claimed.add(match.id);
      state.matches.push({ desired, live: match });
      continue;
    }
    if (!allIdentical(candidates)) {
      for (const l of candidates) state.ambiguous.add(l.id);
      state.problems.push(ambiguousName(desired, candidates));
      continue;
    }
    const [match, ...copies] = [...candidates].sort(oldestFirst);
    if (match) state.claimed.add(match.id);
    for (const copy of copies) state.duplicates.push({ live: copy, original: match!.id });
    state.matches.push({ desired, live: match ?? null });
  }
}

function allIdentical(candidates: readonly LiveOutplan[]): boolean {
  const [first, ...rest] = candidates;
  return rest.every((l) => changedFields(first!.fields, l.fields).length === 0);
}

/** Oldest first; the same creation time falls back to the id, so the choice is stable. */
function oldestFirst(a: LiveOutplan, b: LiveOutplan): number {
  return compareStrings(timeKey(a.tmCreate), timeKey(b.tmCreate)) || compareStrings(a.id, b.id);
}

/**
 * A normalised RFC 3339 UTC time (`…T09:30:00.12Z`, fraction trimmed) as a key that sorts
 * in time order: the fraction padded to nanoseconds, so `.12` sorts before `.1234`.
 */
function timeKey(time: string): string {
  return time.replace(
    /(?:\.(\d+))?Z$/,
    (_match, fraction: string | undefined) => `.${(fraction ?? '').padEnd(9, '0')}Z`,
  );
}

function pinNotFound(desired: DesiredOutplan): PlanProblem {
  return {
    severity: 'error',
    code: 'pin-not-found',
    message:
      `Outplan ${displayName(desired.fields.name)} is pinned to id ${displayToken(desired.pin!)}, which is not a live ` +
      'outplan in this account: it may have been deleted, or it may belong to another account.',
    hint: 'Remove the `id:` line to create the outplan anew, or correct the id.',
    at: desired.fieldAt.id ?? desired.at,
  };
}

function ambiguousName(desired: DesiredOutplan, candidates: readonly LiveOutplan[]): PlanProblem {
  const ids = candidates
    .map((l) => l.id)
    .sort(compareStrings)
    .map(displayToken);
  return {
    severity: 'error',
    code: 'ambiguous-name',
    message:
      `${ids.length} live outplans are named ${displayName(desired.fields.name)} (${ids.join(', ')}) ` +
      'and their settings differ; outplanctl will not guess which one this declaration means.',
    hint: `Pin one by adding \`id: ${ids[0]}\` to this outplan (\`outplanctl export\` shows both).`,
    at: desired.at,
  };
}
