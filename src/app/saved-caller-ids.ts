/**
 * Caller IDs when a saved plan is applied. The review judged the caller IDs as the account's
 * numbers were at plan time; a number released or deactivated since (the renewal job, a
 * port) would be written unseen and VoIPBIN would dial under another number. So the
 * caller IDs the plan's calls write are checked again, alongside the outplan listing: one
 * that has turned bad since the review refuses the plan like any other change to the
 * account (exit 4, plan again); a miss the reviewed plan already showed is repeated as a
 * warning (the reviewer saw it and accepted it). The saved plan does not record the
 * config's policy, but a plan made under `require_owned_caller_ids` had no miss to accept.
 */
import type { DesiredOutplan } from '../model/desired.js';
import { RefusalError, messageOf } from '../model/errors.js';
import { checkCallerIds } from '../plan/caller-ids.js';
import type { SavedPlan } from '../plan/index.js';
import { readNumbers, type NumbersRead } from './caller-id-check.js';
import type { Host, OutplanApi } from './ports.js';

/** The outplans whose `source` the plan's calls send: creates, and dial_info updates. */
function writtenSources(saved: SavedPlan): DesiredOutplan[] {
  return saved.plan.changes.flatMap((change) => {
    if (change.action === 'delete') return [];
    if (change.action === 'update' && !change.calls.includes('update_dial_info')) return [];
    return [{ fields: change.after, pin: null, at: change.at, fieldAt: {} }];
  });
}

/** Lists the numbers only when a call writes a `tel` caller ID. Never throws. */
export function readSavedPlanNumbers(
  api: Pick<OutplanApi, 'listNumbers'>,
  saved: SavedPlan,
): Promise<NumbersRead> {
  return readNumbers(api, writtenSources(saved));
}

/**
 * A refusal naming every caller ID that turned bad since the plan was made, or null. Misses
 * the reviewed plan already warned about, and a listing that failed, become host warnings.
 */
export async function callerIdsMovedSincePlan(
  saved: SavedPlan,
  read: NumbersRead,
  host: Host,
): Promise<RefusalError | null> {
  if (read.kind === 'not-needed') return null;
  if (read.kind === 'failed') {
    await host.notify({
      type: 'warning',
      code: 'CALLER_IDS_UNVERIFIED',
      message: `the account's numbers could not be listed (${messageOf(read.error)}); the caller IDs were verified when the plan was made, not now.`,
    });
    return null;
  }
  const reviewed = new Set(saved.plan.warnings.map((w) => `${w.code}\n${w.message}`));
  const misses = checkCallerIds(writtenSources(saved), read.numbers);
  const fresh = misses.filter((m) => !reviewed.has(`${m.code}\n${m.message}`));
  for (const seen of misses.filter((m) => !fresh.includes(m))) {
    await host.notify({ type: 'warning', code: seen.code, message: seen.message });
  }
  if (fresh.length === 0) return null;
  return new RefusalError(
    'CALLER_ID_CHANGED',
    `A caller ID the saved plan writes is no longer usable on the account (it changed since the plan was made, ${saved.created_at}); nothing was applied.\n` +
      fresh.map((m) => `- ${m.message}`).join('\n'),
    {
      hint: 'Fix source.target (or wait for the number), run `outplanctl plan --out FILE` again, review it, and apply the new plan.',
    },
  );
}
