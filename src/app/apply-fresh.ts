/** The fresh apply's preparer: plan against the live account now, then the one runner. */
import { remainingAfterApply } from '../apply/index.js';
import { RefusalError } from '../model/errors.js';
import { compareLiveFingerprint, describeStaleReasons, fingerprintLive } from '../plan/index.js';
import type { SafetyFlags } from '../plan/index.js';
import { AuditTrail, type AuditContext } from './audit-trail.js';
import { openPlanSession, type PlanRequest, type PlanSession } from './plan-session.js';
import type { ConfigSource, OutplanApi } from './ports.js';
import {
  runPrepared,
  type ApplyDeps,
  type ApplyOutcome,
  type RunSettings,
} from './apply-runner.js';

export interface FreshApplyRequest extends PlanRequest, RunSettings {
  readonly safety: SafetyFlags;
  /** Ask the host before the first write (a person at a terminal, no --yes). */
  readonly confirm: boolean;
  readonly audit: Omit<AuditContext, 'source' | 'apiUrl'>;
}

export interface FreshApplyDeps extends ApplyDeps {
  readonly config: ConfigSource;
}

export async function applyFromConfig(
  request: FreshApplyRequest,
  deps: FreshApplyDeps,
): Promise<ApplyOutcome> {
  const startedAt = deps.clock.now();
  const session = await openPlanSession(request, deps);
  const trail = new AuditTrail(
    {
      ...request.audit,
      apiUrl: request.apiUrl,
      source: { kind: 'config', detail: session.loaded.files.join(', ') },
    },
    deps.clock,
    deps.audit,
    startedAt,
  );
  const { api } = deps;
  return runPrepared(
    {
      plan: session.plan,
      live: session.live,
      safety: request.safety,
      campaignsKnown: session.campaignsKnown,
      emptyReason: 'no-changes',
      confirm: request.confirm,
      recheckAfterConfirm: () => movedWhileAsking(session, api),
      remaining: async () =>
        remainingAfterApply(session.loaded.state, await api.listOutplans(), request.prune),
      next:
        'Run `outplanctl plan` to see what differs and why (a failed call, a duplicate left by ' +
        'another run, or someone changed the account meanwhile), then apply again.',
    },
    trail,
    deps,
    request,
  );
}

/**
 * A person may take minutes to answer, and PUTs replace whole field groups: an edit made
 * meanwhile would be overwritten unseen. Re-list and refuse if anything moved.
 */
async function movedWhileAsking(
  session: PlanSession,
  api: OutplanApi,
): Promise<RefusalError | null> {
  const stale = compareLiveFingerprint(fingerprintLive(session.live), await api.listOutplans());
  if (stale.length === 0) return null;
  return new RefusalError(
    'STALE_PLAN',
    `The live account changed while the plan waited for confirmation; nothing was applied.\n${describeStaleReasons(stale)}`,
    { hint: 'Run apply again to see the new plan.' },
  );
}
