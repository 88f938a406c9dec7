/**
 * The planner: declared outplans + live outplans (+ campaigns) -> the smallest set of calls.
 * Pure and deterministic: the same inputs in any order give the same plan.
 */
import type { Campaign } from '../model/campaign.js';
import type { DesiredState, PruneExclusion } from '../model/desired.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { displayName, displayToken } from '../model/display.js';
import type { AccountNumber } from '../model/number.js';
import { FIELD_GROUPS } from '../model/outplan-descriptor.js';
import { changedFields, groupOf, type FieldName, type LiveOutplan } from '../model/outplan.js';
import {
  campaignsOf,
  deleteNotes,
  indexCampaigns,
  updateNotes,
  type CampaignIndex,
} from './campaign-impact.js';
import { checkCallerIds } from './caller-ids.js';
import { compareChanges, comparePositions, compareStrings } from './compare.js';
import { matchIdentities, type IdentityMatch } from './identity.js';
import { nameHints, type UnkeptOutplan } from './name-hints.js';
import {
  assertUniqueLiveIds,
  duplicateWarnings,
  fromDiagnostic,
  planWarnings,
  type CompiledExclusion,
} from './plan-warnings.js';
import { compileNamePattern } from './name-pattern.js';
import type {
  Change,
  DeleteChange,
  PlanNote,
  PlanProblem,
  PlanResult,
  PlanWarning,
  UnmanagedOutplan,
  UpdateCall,
} from './types.js';

export interface BuildPlanInput {
  readonly desired: DesiredState;
  /** Live, not-deleted outplans: the complete listing, never a partial one. */
  readonly live: readonly LiveOutplan[];
  /** Live, not-deleted campaigns; null when they could not be listed. */
  readonly campaigns: readonly Campaign[] | null;
  /** Delete live outplans no file declares (except those a prune exclusion protects). */
  readonly prune: boolean;
  /**
   * The account's numbers, to check `tel` caller IDs (`checkCallerIds`); null when they
   * could not be listed (one "could not be verified" warning); absent: not checked.
   */
  readonly numbers?: readonly AccountNumber[] | null;
  /** The config's warnings, carried into the plan so every format shows them. */
  readonly configWarnings?: readonly Diagnostic[];
}

export function buildPlan(input: BuildPlanInput): PlanResult {
  const { desired, live, prune } = input;
  assertUniqueLiveIds(live);
  const campaignIndex = indexCampaigns(input.campaigns);
  const identity = matchIdentities(desired.outplans, live);
  const exclusions = desired.pruneExclusions.map((e) => ({
    exclusion: e,
    matches: compileNamePattern(e.pattern),
  }));

  const changes: Change[] = [];
  let unchanged = 0;
  for (const match of identity.matches) {
    const change = changeFor(match, campaignIndex);
    if (change) changes.push(change);
    else unchanged++;
  }

  const unmanaged: UnmanagedOutplan[] = [];
  for (const outplan of identity.unclaimed) {
    const exclusion = firstExclusion(exclusions, outplan.fields.name);
    const campaigns = campaignsOf(campaignIndex, outplan.id);
    if (prune && !exclusion) changes.push(deleteChange(outplan, campaigns));
    else {
      const reason = prune ? 'excluded' : 'not-declared';
      unmanaged.push(unmanagedOutplan(outplan, reason, exclusion, campaigns));
    }
  }
  for (const outplan of identity.ambiguous) {
    const exclusion = firstExclusion(exclusions, outplan.fields.name);
    const campaigns = campaignsOf(campaignIndex, outplan.id);
    unmanaged.push(unmanagedOutplan(outplan, 'ambiguous', exclusion, campaigns));
  }
  // Identical copies of a declared outplan: removed with --prune (no exclusion protects a
  // copy of a declared outplan), else reported with the command that removes them.
  for (const { live: copy, original } of identity.duplicates) {
    const campaigns = campaignsOf(campaignIndex, copy.id);
    if (prune) changes.push({ ...deleteChange(copy, campaigns, original), original });
    else unmanaged.push({ ...unmanagedOutplan(copy, 'duplicate', null, campaigns), original });
  }

  const hinted = withNameHints(changes, unmanaged, live);
  hinted.changes.sort(compareChanges);
  unmanaged.sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.id, b.id));
  const warnings = [
    ...(input.configWarnings ?? []).filter((d) => d.severity === 'warning').map(fromDiagnostic),
    ...planWarnings(input.campaigns !== null, live, exclusions),
    ...duplicateWarnings(identity.duplicates, prune),
    ...hinted.warnings,
    ...(input.numbers === undefined ? [] : checkCallerIds(desired.outplans, input.numbers)).map(
      ({ code, message, at, hint }) => ({ code, message, at, ...(hint ? { hint } : {}) }),
    ),
  ];
  return {
    plan: { changes: hinted.changes, unchanged, unmanaged, warnings },
    problems: [...identity.problems].sort(compareProblems),
  };
}

/** Rename and look-alike hints on creates, against what the plan deletes or leaves alone. */
function withNameHints(
  changes: readonly Change[],
  unmanaged: readonly UnmanagedOutplan[],
  live: readonly LiveOutplan[],
): { changes: Change[]; warnings: PlanWarning[] } {
  const liveById = new Map(live.map((l) => [l.id, l]));
  const unkept: UnkeptOutplan[] = [];
  for (const change of changes) {
    if (change.action === 'delete' && change.original === undefined) {
      unkept.push({ outplan: liveById.get(change.id)!, fate: 'deleted' });
    }
  }
  for (const u of unmanaged) {
    if (u.reason !== 'duplicate') unkept.push({ outplan: liveById.get(u.id)!, fate: 'unmanaged' });
  }
  if (unkept.length === 0) return { changes: [...changes], warnings: [] };
  const hints = nameHints(unkept);
  const warnings: PlanWarning[] = [];
  const out = changes.map((change): Change => {
    if (change.action !== 'create') return change;
    warnings.push(...hints.lookalikeWarnings(change.name));
    const note = hints.renameNote(change.after);
    return note ? { ...change, notes: [...change.notes, note] } : change;
  });
  return { changes: out, warnings };
}

function changeFor(match: IdentityMatch, campaignIndex: CampaignIndex): Change | null {
  const { desired, live } = match;
  if (!live) {
    return {
      action: 'create',
      id: null,
      name: desired.fields.name,
      after: desired.fields,
      calls: ['create'],
      at: desired.at,
      campaigns: [],
      notes: [],
    };
  }
  const changed = changedFields(live.fields, desired.fields);
  if (changed.length === 0) return null;
  const calls = callsFor(changed);
  const campaigns = campaignsOf(campaignIndex, live.id);
  const notes: PlanNote[] = [];
  if (changed.includes('name')) {
    notes.push({
      code: 'renamed',
      severity: 'info',
      message: `Renamed from ${displayName(live.fields.name)} (matched by its id pin).`,
    });
  }
  notes.push(...updateNotes(campaigns, calls));
  return {
    action: 'update',
    id: live.id,
    name: desired.fields.name,
    before: live.fields,
    after: desired.fields,
    changed,
    calls,
    at: desired.at,
    campaigns,
    notes,
  };
}

/**
 * One call per field group that differs, in the descriptor's group order (`update_basic`
 * before `update_dial_info`): PUTs replace whole groups, so never more.
 */
function callsFor(changed: readonly FieldName[]): UpdateCall[] {
  return FIELD_GROUPS.filter((group) => changed.some((field) => groupOf(field) === group)).map(
    (group): UpdateCall => `update_${group}`,
  );
}

function deleteChange(
  outplan: LiveOutplan,
  campaigns: DeleteChange['campaigns'],
  original?: string,
): DeleteChange {
  const duplicateNote: PlanNote[] = original
    ? [
        {
          code: 'duplicate',
          severity: 'info',
          message: `An identical duplicate of the declared outplan ${displayToken(original)} (created first), which stays.`,
        },
      ]
    : [];
  return {
    action: 'delete',
    id: outplan.id,
    name: outplan.fields.name,
    before: outplan.fields,
    calls: ['delete'],
    campaigns,
    notes: [...duplicateNote, ...deleteNotes(campaigns)],
  };
}

function unmanagedOutplan(
  outplan: LiveOutplan,
  reason: UnmanagedOutplan['reason'],
  exclusion: PruneExclusion | null,
  campaigns: UnmanagedOutplan['campaigns'],
): UnmanagedOutplan {
  return {
    id: outplan.id,
    name: outplan.fields.name,
    reason,
    exclusion: exclusion ? { pattern: exclusion.pattern, at: exclusion.at } : null,
    campaigns,
  };
}

function firstExclusion(
  exclusions: readonly CompiledExclusion[],
  name: string,
): PruneExclusion | null {
  return exclusions.find((e) => e.matches(name))?.exclusion ?? null;
}

function compareProblems(a: PlanProblem, b: PlanProblem): number {
  return (
    comparePositions(a.at, b.at) ||
    compareStrings(a.code, b.code) ||
    compareStrings(a.message, b.message)
  );
}
