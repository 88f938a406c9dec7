/**
 * The plan's own warnings (and the config's, carried along), and the listing check that
 * keeps the planner from acting on a live state it cannot trust.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { PruneExclusion } from '../model/desired.js';
import { displayName, displayToken } from '../model/display.js';
import { InternalError } from '../model/errors.js';
import type { LiveOutplan } from '../model/outplan.js';
import { compareStrings } from '../model/order.js';
import type { Duplicate } from './identity.js';
import type { NameMatcher } from './name-pattern.js';
import type { PlanWarning } from './types.js';

export interface CompiledExclusion {
  readonly exclusion: PruneExclusion;
  readonly matches: NameMatcher;
}

/**
 * Two live outplans with one id mean the listing cannot be trusted (the client rejects
 * such a listing; this keeps the planner from ever acting on one): exit 1, no call made.
 */
export function assertUniqueLiveIds(live: readonly LiveOutplan[]): void {
  const seen = new Map<string, LiveOutplan>();
  for (const outplan of live) {
    const key = outplan.id.toLowerCase();
    const first = seen.get(key);
    if (first) {
      throw new InternalError(
        'INCONSISTENT_LISTING',
        `The live outplans hold id ${displayToken(outplan.id)} twice (${displayName(first.fields.name)} and ` +
          `${displayName(outplan.fields.name)}): the listing is inconsistent, so nothing was planned or changed.`,
        { hint: 'Run the command again; if it repeats, report it to VoIPBIN support.' },
      );
    }
    seen.set(key, outplan);
  }
}

export function duplicateWarnings(duplicates: readonly Duplicate[], prune: boolean): PlanWarning[] {
  if (prune || duplicates.length === 0) return [];
  const byOriginal = new Map<string, Duplicate[]>();
  for (const d of duplicates) {
    const list = byOriginal.get(d.original);
    if (list) list.push(d);
    else byOriginal.set(d.original, [d]);
  }
  return [...byOriginal.values()]
    .map((copies) => {
      const name = copies[0]!.live.fields.name;
      const ids = copies.map((c) => displayToken(c.live.id)).sort(compareStrings);
      return {
        code: 'duplicates',
        message:
          `${copies.length + 1} live outplans are named ${displayName(name)} with identical settings ` +
          `(what a lost race or a retried create leaves behind). The oldest, ${displayToken(copies[0]!.original)}, ` +
          `is the declared one; ${ids.join(', ')} ${copies.length === 1 ? 'is a duplicate' : 'are duplicates'}.`,
        at: null,
        hint: 'Run `outplanctl apply --prune` to delete the duplicates (campaign safety still applies).',
      };
    })
    .sort((a, b) => compareStrings(a.message, b.message));
}

export function fromDiagnostic(d: Diagnostic): PlanWarning {
  return {
    code: d.code,
    message: d.message,
    at: d.at ?? null,
    ...(d.hint ? { hint: d.hint } : {}),
  };
}

export function planWarnings(
  campaignsKnown: boolean,
  live: readonly LiveOutplan[],
  exclusions: readonly CompiledExclusion[],
): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  if (!campaignsKnown) {
    warnings.push({
      code: 'campaigns-unknown',
      message:
        'Campaigns could not be listed, so this plan cannot say which campaigns its changes affect.',
      at: null,
    });
  }
  // A pattern that protects nothing is usually a typo that would protect nothing when it matters.
  for (const { exclusion, matches } of exclusions) {
    if (!live.some((l) => matches(l.fields.name))) {
      warnings.push({
        code: 'exclusion-unused',
        message: `Prune exclusion ${displayName(exclusion.pattern)} matches no live outplan.`,
        at: exclusion.at,
      });
    }
  }
  return warnings;
}
