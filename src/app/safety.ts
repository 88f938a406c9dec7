import { RefusalError } from '../model/errors.js';
import { checkSafety, type Plan, type Refusal, type SafetyFlags } from '../plan/index.js';

/** Facts about the live account the safety rules judge a plan by. */
export interface SafetyFacts {
  readonly liveCount: number;
  /** false when campaigns could not be listed (deletes are then refused). */
  readonly campaignsKnown: boolean;
}

/**
 * The safety rules as one error (exit 4) naming every reason at once, or null when the plan
 * may run. `consequence` says what the refusal means here ("no call was made.").
 */
export function safetyRefusal(
  plan: Plan,
  settings: SafetyFlags,
  facts: SafetyFacts,
  consequence: string,
): RefusalError | null {
  const refusals = checkSafety(plan, { ...settings, ...facts });
  if (refusals.length === 0) return null;
  const body = refusals.map((r) => `- ${r.message}\n  ${hintOf(r)}`).join('\n');
  return new RefusalError(
    refusals[0]?.code ?? 'REFUSED',
    `Refused by ${refusals.length === 1 ? 'a safety rule' : `${refusals.length} safety rules`}; ${consequence}\n${body}`,
  );
}

/**
 * A share refusal has two ways out, and a user who meant a few deletes wants the gentler
 * one: raising the limit keeps the rule on for the next, larger mistake.
 */
function hintOf(refusal: Refusal): string {
  if (refusal.code !== 'MASS_DELETE_SHARE' || refusal.hint.includes('--max-delete-percent'))
    return refusal.hint;
  return `${refusal.hint} Or raise the limit with --max-delete-percent N (N from 0 to 100).`;
}
