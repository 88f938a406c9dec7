/**
 * The saved plan's preparer: exactly the reviewed calls, or none. Everything that could make
 * them wrong (another API, a moved account, an edited file) is checked before the first
 * write. No confirmation: the review was the confirmation.
 */
import { duplicatesOf, findDivergences } from '../apply/index.js';
import { displayName } from '../model/display.js';
import { RefusalError } from '../model/errors.js';
import type { LiveOutplan } from '../model/outplan.js';
import {
  compareFingerprint,
  describeStaleReasons,
  effectiveSafety,
  verifySavedPlanAgainstLive,
  type Change,
  type Plan,
  type SafetyFlags,
  type SavedPlan,
} from '../plan/index.js';
import { campaignsOf, indexCampaigns } from '../plan/campaign-impact.js';
import { isSavedPlanApplied } from '../plan/verify-saved-plan.js';
import { AuditTrail, type AuditContext } from './audit-trail.js';
import { listCampaignsOrWarn } from './plan-session.js';
import { callerIdsMovedSincePlan, readSavedPlanNumbers } from './saved-caller-ids.js';
import {
  outcome,
  runPrepared,
  type ApplyDeps,
  type ApplyOutcome,
  type RunSettings,
} from './apply-runner.js';

export interface SavedApplyRequest extends RunSettings {
  readonly saved: SavedPlan;
  /** The file as the user named it (for the audit record). */
  readonly file: string;
  /** The API this run talks to, credential-free; must be the one the plan was made against. */
  readonly apiUrl: string;
  /** The flags given to apply; the stricter of these and the plan's own rules apply. */
  readonly safety: SafetyFlags;
  readonly audit: Omit<AuditContext, 'source' | 'apiUrl'>;
}

export async function applySaved(
  request: SavedApplyRequest,
  deps: ApplyDeps,
): Promise<ApplyOutcome> {
  const { saved } = request;
  const trail = new AuditTrail(
    {
      ...request.audit,
      apiUrl: request.apiUrl,
      source: { kind: 'saved-plan', detail: request.file },
    },
    deps.clock,
    deps.audit,
  );
  if (saved.api_url !== request.apiUrl) {
    await trail.refuse(
      saved.plan.changes,
      new RefusalError(
        'PLAN_FOR_OTHER_API',
        `The saved plan was made against ${saved.api_url}, not ${request.apiUrl}; nothing was applied.`,
        {
          hint: 'Apply it with the same --api-url / VOIPBIN_API_URL, or plan again against this API.',
        },
      ),
    );
  }
  const [live, numbers] = await Promise.all([
    deps.api.listOutplans(),
    readSavedPlanNumbers(deps.api, saved),
  ]);
  if (isSavedPlanApplied(saved, live)) {
    await deps.host.notify({ type: 'nothing-to-apply', reason: 'already-applied' });
    await trail.record([], { refusal: null, converged: true });
    return outcome('already-applied', null, true);
  }
  const refusal = staleOrUnfit(saved, live);
  if (refusal) await trail.refuse(saved.plan.changes, refusal);
  const released = await callerIdsMovedSincePlan(saved, numbers, deps.host);
  if (released) await trail.refuse(saved.plan.changes, released);
  const { plan, campaignsKnown } = await refreshCampaigns(saved.plan, deps);
  return runPrepared(
    {
      plan,
      live,
      safety: effectiveSafety(saved.safety, request.safety),
      campaignsKnown,
      emptyReason: 'saved-plan-empty',
      confirm: false,
      remaining: async (result) => {
        const after = await deps.api.listOutplans();
        // A created name must end up held once (an update's name may be shared on purpose:
        // the config pinned each holder by id).
        const created = plan.changes.filter((c) => c.action === 'create').map((c) => c.name);
        return [
          ...duplicatesOf(created, after),
          ...findDivergences(plan.changes, result.records, after).map(
            (d) => `${displayName(d.name)}${d.id ? ` (${d.id})` : ''} ${d.reason}`,
          ),
        ];
      },
      next: 'Run `outplanctl plan --out FILE` to see what differs, review it, and apply the new plan.',
    },
    trail,
    deps,
    request,
  );
}

function staleOrUnfit(saved: SavedPlan, live: readonly LiveOutplan[]): RefusalError | null {
  const stale = compareFingerprint(saved, live);
  if (stale.length > 0) {
    return new RefusalError(
      'STALE_PLAN',
      `The live account changed since the plan was made (${saved.created_at}); nothing was applied.\n` +
        describeStaleReasons(stale),
      { hint: 'Run `outplanctl plan --out FILE` again, review it, and apply the new plan.' },
    );
  }
  // The checksum proves integrity, not authorship: each call must also fit the account.
  const mismatches = verifySavedPlanAgainstLive(saved, live);
  if (mismatches.length === 0) return null;
  return new RefusalError(
    'PLAN_DOES_NOT_FIT',
    `The saved plan does not fit the live account it claims to have been made from; nothing was applied.\n${mismatches.map((m) => `- ${m.message}`).join('\n')}`,
    {
      hint: 'Plan again with `outplanctl plan --out FILE` and apply the new file; never edit a saved plan.',
    },
  );
}

/**
 * Campaigns may have started or stopped since the plan was reviewed; the delete-in-use
 * rule must judge the account as it is now, not as it was.
 */
async function refreshCampaigns(
  plan: Plan,
  deps: ApplyDeps,
): Promise<{ plan: Plan; campaignsKnown: boolean }> {
  if (!plan.changes.some((c) => c.action === 'delete')) return { plan, campaignsKnown: true };
  const campaigns = await listCampaignsOrWarn(deps, 'deletes are refused');
  if (campaigns === null) return { plan, campaignsKnown: false };
  const index = indexCampaigns(campaigns);
  const changes: Change[] = plan.changes.map((c) =>
    c.action === 'create' ? c : { ...c, campaigns: campaignsOf(index, c.id) },
  );
  return { plan: { ...plan, changes }, campaignsKnown: true };
}
