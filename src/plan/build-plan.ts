/**
 * The planner: declared outplans + live outplans (+ campaigns) -> the smallest set of calls.
 * Pure and deterministic: the same inputs in any order give the same plan.
 */
import type { Campaign } from '../model/campaign.js';
import type { DesiredState, PruneExclusion } from '../model/desired.js';
import { displayName } from '../model/display.js';
import { FIELD_GROUPS } from '../model/outplan-descriptor.js';
import { changedFields, groupOf, type FieldName, type LiveOutplan } from '../model/outplan.js';
import {
  campaignsOf,
  deleteNotes,
  indexCampaigns,
  updateNotes,
  type CampaignIndex,
} from './campaign-impact.js';
import { compareChanges, comparePositions, compareStrings } from './compare.js';
import { matchIdentities, type IdentityMatch } from './identity.js';
import { compileNamePattern, type NameMatcher } from './name-pattern.js';
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
}

export function buildPlan(input: BuildPlanInput): PlanResult {
  const { desired, live, prune } = input;
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

  changes.sort(compareChanges);
  unmanaged.sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.id, b.id));
  const warnings = planWarnings(input, exclusions);
  return {
    plan: { changes, unchanged, unmanaged, warnings },
    problems: [...identity.problems].sort(compareProblems),
  };
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

function deleteChange(outplan: LiveOutplan, campaigns: DeleteChange['campaigns']): DeleteChange {
  return {
    action: 'delete',
    id: outplan.id,
    name: outplan.fields.name,
    before: outplan.fields,
    calls: ['delete'],
    campaigns,
    notes: deleteNotes(campaigns),
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

interface CompiledExclusion {
  readonly exclusion: PruneExclusion;
  readonly matches: NameMatcher;
}

function firstExclusion(
  exclusions: readonly CompiledExclusion[],
  name: string,
): PruneExclusion | null {
  return exclusions.find((e) => e.matches(name))?.exclusion ?? null;
}

function planWarnings(
  input: BuildPlanInput,
  exclusions: readonly CompiledExclusion[],
): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  if (input.campaigns === null) {
    warnings.push({
      code: 'campaigns-unknown',
      message:
        'Campaigns could not be listed, so this plan cannot say which campaigns its changes affect.',
      at: null,
    });
  }
  // A pattern that protects nothing is usually a typo that would protect nothing when it matters.
  for (const { exclusion, matches } of exclusions) {
    if (!input.live.some((l) => matches(l.fields.name))) {
      warnings.push({
        code: 'exclusion-unused',
        message: `Prune exclusion ${displayName(exclusion.pattern)} matches no live outplan.`,
        at: exclusion.at,
      });
    }
  }
  return warnings;
}

function compareProblems(a: PlanProblem, b: PlanProblem): number {
  return (
    comparePositions(a.at, b.at) ||
    compareStrings(a.code, b.code) ||
    compareStrings(a.message, b.message)
  );
}
