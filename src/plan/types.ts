/**
 * The plan value: what `buildPlan` returns and what every renderer, `apply` and the saved-plan
 * file consume. Plain data only (JSON round-trips it losslessly), and every key is a single
 * lower-case word so the saved file reads the same as the type.
 */
import type { Diagnostic, Position } from '../model/diagnostic.js';
import type { FieldName, OutplanFields } from '../model/outplan.js';
import type { CallKind, UpdateCall } from '../model/routes.js';
import type { CampaignStatus } from '../model/wire.js';

/** One API call a change makes (named in `model/routes.ts`, the route table). */
export type { CallKind, UpdateCall };

/** A live campaign that uses the outplan a change touches. */
export interface CampaignRef {
  readonly id: string;
  readonly name: string;
  readonly status: CampaignStatus;
}

/** Something a reviewer should read next to a change (campaign impact, a rename). */
export interface PlanNote {
  /** Stable kebab-case code, e.g. `running-campaign-dial-info`, `renamed`. */
  readonly code: string;
  readonly severity: 'info' | 'warning';
  readonly message: string;
}

interface ChangeBase {
  /** The outplan's name after the change (for a delete: its current name). */
  readonly name: string;
  /** Live campaigns whose outplan is this change's id, sorted by name then id. */
  readonly campaigns: readonly CampaignRef[];
  readonly notes: readonly PlanNote[];
}

export interface CreateChange extends ChangeBase {
  readonly action: 'create';
  readonly id: null;
  /** Every field, as POST /outplans will send it. */
  readonly after: OutplanFields;
  readonly calls: readonly ['create'];
  /** Where the outplan is declared. */
  readonly at: Position;
}

export interface UpdateChange extends ChangeBase {
  readonly action: 'update';
  readonly id: string;
  /** The whole live outplan (both field groups), so apply can send complete groups. */
  readonly before: OutplanFields;
  /** The whole desired outplan. */
  readonly after: OutplanFields;
  /** The fields that differ, in canonical field order; never empty. */
  readonly changed: readonly FieldName[];
  /** `update_basic` before `update_dial_info`; at least one. */
  readonly calls: readonly UpdateCall[];
  readonly at: Position;
}

export interface DeleteChange extends ChangeBase {
  readonly action: 'delete';
  readonly id: string;
  /** The whole live outplan being deleted. */
  readonly before: OutplanFields;
  readonly calls: readonly ['delete'];
  /**
   * Present only when this is an identical duplicate of a declared outplan: the id of the
   * oldest copy, which stays. Such deletes do not count toward the mass-delete share.
   */
  readonly original?: string;
}

export type Change = CreateChange | UpdateChange | DeleteChange;
export type ChangeAction = Change['action'];

/** A live outplan the plan leaves alone although no file declares it. */
export interface UnmanagedOutplan {
  readonly id: string;
  readonly name: string;
  /**
   * `not-declared`: planned without --prune. `excluded`: --prune was given, but a
   * `prune.exclude` pattern protects it. `ambiguous`: part of an identity problem (never
   * deleted while the problem stands). `duplicate`: an identical copy of a declared outplan
   * (see `original`), left because --prune was not given.
   */
  readonly reason: 'not-declared' | 'excluded' | 'ambiguous' | 'duplicate';
  /** For a `duplicate`: the id of the declared (oldest) copy, which stays. */
  readonly original?: string;
  /** The first exclusion pattern matching the name (also reported without --prune). */
  readonly exclusion: { readonly pattern: string; readonly at: Position } | null;
  readonly campaigns: readonly CampaignRef[];
}

/**
 * A plan-level warning that belongs to no single change: the planner's own
 * (`campaigns-unknown`, `exclusion-unused`, `duplicates`, `lookalike-names`, caller-ID
 * checks) and the config's warnings (their diagnostic codes, e.g. `short-try-interval`), so
 * every plan format shows what a reviewer should know.
 */
export interface PlanWarning {
  readonly code: string;
  readonly message: string;
  readonly at: Position | null;
  /** The next step, when there is one. */
  readonly hint?: string;
}

export interface Plan {
  /** Deletes first (by name, then id), then creates and updates by name. */
  readonly changes: readonly Change[];
  /** Declared outplans that already match their live outplan. */
  readonly unchanged: number;
  /** Sorted by name, then id. */
  readonly unmanaged: readonly UnmanagedOutplan[];
  readonly warnings: readonly PlanWarning[];
}

/**
 * An identity problem (ambiguous name, missing pin...). It is an error diagnostic at the
 * desired outplan's position, so the CLI shows `file:line:col` and exits 3 like any config
 * error (throw `new ConfigError(problems)`). A plan with problems must not be applied.
 */
export type PlanProblem = Diagnostic & { readonly severity: 'error' };

export interface PlanResult {
  readonly plan: Plan;
  readonly problems: readonly PlanProblem[];
}

export interface PlanSummary {
  readonly create: number;
  readonly update: number;
  readonly delete: number;
  readonly unchanged: number;
}

export function summarizePlan(plan: Plan): PlanSummary {
  let create = 0;
  let update = 0;
  let del = 0;
  for (const change of plan.changes) {
    if (change.action === 'create') create++;
    else if (change.action === 'update') update++;
    else del++;
  }
  return { create, update, delete: del, unchanged: plan.unchanged };
}
