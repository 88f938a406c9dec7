/**
 * Which live outplan each declared outplan means. Pins first (an `id:` pin wins over any
 * name), then names among the live outplans no pin claimed. Anything ambiguous becomes a
 * problem, never a guess, and the live outplans involved are protected from pruning.
 */
import type { DesiredOutplan } from '../model/desired.js';
import { displayName, displayToken } from '../model/display.js';
import type { LiveOutplan } from '../model/outplan.js';
import { comparePositions, compareStrings } from './compare.js';
import type { PlanProblem } from './types.js';

export interface IdentityMatch {
  readonly desired: DesiredOutplan;
  /** null: nothing live matches, so the outplan is created. */
  readonly live: LiveOutplan | null;
}

export interface IdentityResult {
  readonly matches: readonly IdentityMatch[];
  /** Live outplans no declaration claims and no problem involves: prune candidates. */
  readonly unclaimed: readonly LiveOutplan[];
  /** Live outplans involved in a problem: never deleted, reported as unmanaged. */
  readonly ambiguous: readonly LiveOutplan[];
  readonly problems: readonly PlanProblem[];
}

export function matchIdentities(
  desired: readonly DesiredOutplan[],
  live: readonly LiveOutplan[],
): IdentityResult {
  const state: MatchState = {
    liveById: new Map(live.map((outplan) => [outplan.id.toLowerCase(), outplan])),
    claimed: new Set(),
    ambiguous: new Set(),
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
  return {
    matches: state.matches,
    unclaimed: live.filter((l) => !state.claimed.has(l.id) && !state.ambiguous.has(l.id)),
    ambiguous: live.filter((l) => state.ambiguous.has(l.id) && !state.claimed.has(l.id)),
    problems: state.problems,
  };
}

interface MatchState {
  readonly liveById: ReadonlyMap<string, LiveOutplan>;
  /** Live ids a declaration matched. */
  readonly claimed: Set<string>;
  readonly ambiguous: Set<string>;
  readonly matches: IdentityMatch[];
  readonly problems: PlanProblem[];
}

function matchPins(pinned: readonly DesiredOutplan[], state: MatchState): void {
  // Pins compare case-insensitively: a UUID typed in capitals is still the same id.
  for (const group of groupBy(pinned, (d) => d.pin!.toLowerCase()).values()) {
    const first = group[0]!;
    const live = state.liveById.get(first.pin!.toLowerCase());
    if (group.length > 1) {
      if (live) state.ambiguous.add(live.id);
      state.problems.push(...group.map((d) => duplicatePin(d, group)));
      continue;
    }
    if (!live) {
      state.problems.push(pinNotFound(first));
      continue;
    }
    state.claimed.add(live.id);
    state.matches.push({ desired: first, live });
  }
}

function matchNames(
  unpinned: readonly DesiredOutplan[],
  live: readonly LiveOutplan[],
  state: MatchState,
): void {
  // A live outplan a pin claimed is not a candidate for a name: the pin says where it went
  // (typically a rename), so a declaration with its old name is a different, new outplan.
  const candidatesByName = groupBy(
    live.filter((l) => !state.claimed.has(l.id)),
    (l) => l.fields.name,
  );
  for (const [name, group] of groupBy(unpinned, (d) => d.fields.name)) {
    const candidates = candidatesByName.get(name) ?? [];
    if (group.length > 1) {
      for (const l of candidates) state.ambiguous.add(l.id);
      state.problems.push(...group.map((d) => duplicateName(d, group)));
      continue;
    }
    const desired = group[0]!;
    if (candidates.length > 1) {
      for (const l of candidates) state.ambiguous.add(l.id);
      state.problems.push(ambiguousName(desired, candidates));
      continue;
    }
    const match = candidates[0] ?? null;
    if (match) state.claimed.add(match.id);
    state.matches.push({ desired, live: match });
  }
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

function duplicatePin(desired: DesiredOutplan, group: readonly DesiredOutplan[]): PlanProblem {
  const names = group
    .map((d) => displayName(d.fields.name))
    .sort(compareStrings)
    .join(', ');
  return {
    severity: 'error',
    code: 'duplicate-pin',
    message: `Id ${displayToken(desired.pin!)} is pinned by ${group.length} outplans (${names}); an id can be pinned once.`,
    hint: 'Keep the `id:` line on the one outplan that should own this live outplan.',
    at: desired.fieldAt.id ?? desired.at,
    related: group
      .filter((d) => d !== desired)
      .map((d) => d.fieldAt.id ?? d.at)
      .sort(comparePositions),
  };
}

function duplicateName(desired: DesiredOutplan, group: readonly DesiredOutplan[]): PlanProblem {
  return {
    severity: 'error',
    code: 'duplicate-name',
    message:
      `Outplan ${displayName(desired.fields.name)} is declared ${group.length} times without an \`id:\` pin, ` +
      'so the next plan could not tell them apart.',
    hint: 'Rename one, or pin each to its live outplan with `id:`.',
    at: desired.at,
    related: group
      .filter((d) => d !== desired)
      .map((d) => d.at)
      .sort(comparePositions),
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
      `${ids.length} live outplans are named ${displayName(desired.fields.name)} (${ids.join(', ')}); ` +
      'outplanctl will not guess which one this declaration means.',
    hint: `Pin one by adding \`id: ${ids[0]}\` to this outplan (\`outplanctl export\` shows both).`,
    at: desired.at,
  };
}

/** Groups in first-seen order (Map preserves insertion order). */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
