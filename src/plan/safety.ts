/**
 * Safety rules checked before any call. A refusal means apply makes no call at all and the
 * CLI exits 4; each refusal says what it protects and which flag overrides it.
 *
 * The mass-delete rule fits small accounts (octoDNS exempts small zones for the same
 * reason): deleting every live outplan is always refused; a plan that deletes a single
 * outplan is otherwise never a mass delete (removing one of three is a normal change); from
 * two deletes up, deletes > maxDeleteShare × live is refused. With the default 30 %: 1 of 3
 * is allowed, 1 of 1 is refused, 2 of 5 (40 %) is refused, 3 of 10 (exactly 30 %) allowed.
 *
 * Deleting an identical duplicate of a declared outplan (the copy stays) is not a mass
 * delete: such deletes count neither as deletes nor as live outplans for this rule. They
 * are still deletes for the campaign rules.
 */
import { displayName, displayToken } from '../model/display.js';
import { describe } from './campaign-impact.js';
import type { CampaignRef, DeleteChange, Plan } from './types.js';

export const DEFAULT_MAX_DELETE_SHARE = 0.3;

export type RefusalCode =
  'MASS_DELETE_ALL' | 'MASS_DELETE_SHARE' | 'DELETE_IN_USE' | 'CAMPAIGNS_UNKNOWN';

export interface Refusal {
  readonly code: RefusalCode;
  /** The full explanation, naming the outplans and campaigns involved. */
  readonly message: string;
  /** The flag that overrides this refusal, e.g. `--allow-mass-delete`. */
  readonly override: '--allow-mass-delete' | '--allow-delete-in-use';
  readonly hint: string;
  readonly outplans: readonly { readonly id: string; readonly name: string }[];
  readonly campaigns: readonly CampaignRef[];
}

export interface SafetyOptions {
  /** How many live (not deleted) outplans the plan read. */
  readonly liveCount: number;
  /** 0..1; default 0.3. */
  readonly maxDeleteShare?: number;
  readonly allowMassDelete?: boolean;
  readonly allowDeleteInUse?: boolean;
  /** false when campaigns could not be listed. */
  readonly campaignsKnown: boolean;
}

export function checkSafety(plan: Plan, options: SafetyOptions): Refusal[] {
  const deletes = plan.changes.filter((c): c is DeleteChange => c.action === 'delete');
  if (deletes.length === 0) return [];
  const refusals: Refusal[] = [];
  const mass = massDeleteRefusal(deletes, options);
  if (mass) refusals.push(mass);
  if (!options.allowDeleteInUse) {
    const inUse = deleteInUseRefusal(deletes);
    if (inUse) refusals.push(inUse);
    if (!options.campaignsKnown) refusals.push(campaignsUnknownRefusal(deletes));
  }
  return refusals;
}

function massDeleteRefusal(
  deletes: readonly DeleteChange[],
  options: SafetyOptions,
): Refusal | null {
  if (options.allowMassDelete) return null;
  const share = options.maxDeleteShare ?? DEFAULT_MAX_DELETE_SHARE;
  const removals = deletes.filter((d) => d.original === undefined);
  const count = removals.length;
  const live = options.liveCount - (deletes.length - count);
  if (count === 0) return null;
  const outplans = removals.map(ref);
  const percent = Math.round(share * 1000) / 10;
  const hint =
    'Check that every file is loaded (a missing path makes its outplans look undeclared). ' +
    `If the deletions are intended, re-run with --allow-mass-delete, or raise the limit with --max-delete-percent N (now ${percent}).`;
  if (count >= live) {
    return {
      code: 'MASS_DELETE_ALL',
      message: `Refusing to delete every live outplan (${count} of ${live}): ${list(removals)}.`,
      override: '--allow-mass-delete',
      hint: hint.replace(/, or raise the limit.*$/, '.'),
      outplans,
      campaigns: [],
    };
  }
  // One delete is a normal change however small the account; the share rule starts at two.
  if (count === 1) return null;
  // Compare with integers scaled by 1e6 so 3 of 10 at 30 % is not refused by float rounding.
  if (count * 1_000_000 > Math.round(share * 1_000_000) * live) {
    return {
      code: 'MASS_DELETE_SHARE',
      message:
        `Refusing to delete ${count} of ${live} live outplans (${formatPercent(count / live)}), more than the ` +
        `${formatPercent(share)} limit: ${list(removals)}.`,
      override: '--allow-mass-delete',
      hint,
      outplans,
      campaigns: [],
    };
  }
  return null;
}

function deleteInUseRefusal(deletes: readonly DeleteChange[]): Refusal | null {
  const inUse = deletes.filter((d) => d.campaigns.some((c) => c.status !== 'stop'));
  if (inUse.length === 0) return null;
  const parts = inUse.map(
    (d) =>
      `${displayName(d.name)} (${displayToken(d.id)}) is used by ${describe(d.campaigns.filter((c) => c.status !== 'stop'))}`,
  );
  return {
    code: 'DELETE_IN_USE',
    message:
      `Refusing to delete outplans that active campaigns use: ${parts.join('; ')}. ` +
      "A running campaign keeps dialing with a deleted outplan's settings and cannot be repointed to it.",
    override: '--allow-delete-in-use',
    hint: 'Point the campaigns at another outplan or stop them first, or re-run with --allow-delete-in-use.',
    outplans: inUse.map(ref),
    campaigns: inUse.flatMap((d) => d.campaigns.filter((c) => c.status !== 'stop')),
  };
}

function campaignsUnknownRefusal(deletes: readonly DeleteChange[]): Refusal {
  return {
    code: 'CAMPAIGNS_UNKNOWN',
    message:
      `Refusing to delete ${list(deletes)} because campaigns could not be listed, so ` +
      'outplanctl cannot tell whether a running campaign uses them.',
    override: '--allow-delete-in-use',
    hint: 'Fix the campaign listing and re-run, or accept the risk with --allow-delete-in-use.',
    outplans: deletes.map(ref),
    campaigns: [],
  };
}

function ref(change: DeleteChange): { id: string; name: string } {
  return { id: change.id, name: change.name };
}

/** Names every outplan up to 20, then a count, so a 5 000-row refusal stays readable. */
function list(deletes: readonly DeleteChange[]): string {
  const shown = deletes.slice(0, 20).map((d) => `${displayName(d.name)} (${displayToken(d.id)})`);
  const more = deletes.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

function formatPercent(share: number): string {
  return `${Math.round(share * 1000) / 10} %`;
}
