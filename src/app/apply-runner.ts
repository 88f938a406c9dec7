/**
 * The one apply runner both preparers feed: checks → execute → converge → audit. Whatever
 * the path (nothing to do, refused, cancelled, interrupted, finished), it ends in one audit
 * record and one outcome; refusals are thrown (exit 4) after they are recorded.
 */
import { executePlan, plannedCalls, type ApplyResult } from '../apply/index.js';
import { EXIT_CODES, type RefusalError } from '../model/errors.js';
import type { LiveOutplan } from '../model/outplan.js';
import type { Plan, SafetyFlags } from '../plan/index.js';
import { skippedAll, type AuditTrail } from './audit-trail.js';
import { CONVERGENCE_RECHECK_DELAYS_MS, closingCheck, type Convergence } from './closing-check.js';
import type { AppEvent } from './events.js';
import type { AuditSink, Clock, Host, InterruptSource, OutplanApi } from './ports.js';
import { safetyRefusal } from './safety.js';

export interface ApplyDeps {
  readonly api: OutplanApi;
  readonly clock: Clock;
  readonly host: Host;
  /** `--report`: receives the audit record; absent when none was asked for. */
  readonly audit?: AuditSink;
  /** Ctrl-C / SIGTERM while the calls run; absent: the run cannot be interrupted. */
  readonly interrupts?: InterruptSource;
}

export interface RunSettings {
  /** Changes in flight at once. */
  readonly concurrency: number;
  /** Pauses before re-listing when the account does not match at once (read lag). */
  readonly recheckDelaysMs?: readonly number[];
}

/** A plan made ready to run by a preparer (fresh from the config, or a saved plan). */
export interface PreparedApply {
  readonly plan: Plan;
  /** The account the plan was checked against (its ids are never "adopted" by a create). */
  readonly live: readonly LiveOutplan[];
  readonly safety: SafetyFlags;
  readonly campaignsKnown: boolean;
  /** Why an empty plan is empty (what the host tells the user). */
  readonly emptyReason: 'no-changes' | 'saved-plan-empty';
  /** Ask the host before the first write; then `recheckAfterConfirm` runs. */
  readonly confirm: boolean;
  /** After a confirmation: a refusal if the account moved while the user read the plan. */
  readonly recheckAfterConfirm?: () => Promise<RefusalError | null>;
  /** What still differs after the calls; empty when the account is the plan's end state. */
  readonly remaining: (result: ApplyResult) => Promise<readonly string[]>;
  /** What to run next when the account does not match at the end. */
  readonly next: string;
}

export type ApplyOutcomeKind =
  | 'applied'
  | 'nothing-to-do'
  | 'already-applied'
  | 'cancelled'
  | 'failed'
  | 'interrupted'
  | 'not-converged'
  | 'unverified';

export interface ApplyOutcome {
  readonly kind: ApplyOutcomeKind;
  /** 0 only when the closing check showed the account matches (or there was nothing to do). */
  readonly exitCode: number;
  /** The calls, when any ran. */
  readonly result: ApplyResult | null;
  readonly converged: Convergence;
}

export async function runPrepared(
  prepared: PreparedApply,
  trail: AuditTrail,
  deps: ApplyDeps,
  settings: RunSettings,
): Promise<ApplyOutcome> {
  const { plan } = prepared;
  const { host } = deps;
  await host.notify({ type: 'plan-ready', plan });
  if (plan.changes.length === 0) {
    await host.notify({ type: 'nothing-to-apply', reason: prepared.emptyReason });
    await trail.record([], { refusal: null, converged: true });
    return outcome('nothing-to-do', null, true);
  }
  const refusal = safetyRefusal(
    plan,
    prepared.safety,
    { liveCount: prepared.live.length, campaignsKnown: prepared.campaignsKnown },
    'no call was made.',
  );
  if (refusal) await trail.refuse(plan.changes, refusal);
  if (prepared.confirm) {
    const calls = plannedCalls(plan.changes).length;
    if (!(await host.confirm({ kind: 'apply', calls, apiUrl: trail.apiUrl, plan }))) {
      const reason = { code: 'CANCELLED', message: 'cancelled at the confirmation prompt' };
      await host.notify({ type: 'cancelled' });
      await trail.record(skippedAll(plan.changes, reason), { refusal: reason, converged: null });
      return outcome('cancelled', null, null);
    }
    const moved = await prepared.recheckAfterConfirm?.();
    if (moved) await trail.refuse(plan.changes, moved);
  }
  const result = await execute(prepared, trail, deps, settings);
  const failedOrStopped = result.failed > 0 || result.interrupted;
  const converged = await closingCheck(() => prepared.remaining(result), deps, {
    recheckDelaysMs: failedOrStopped
      ? [] // a difference is expected: say so at once
      : (settings.recheckDelaysMs ?? CONVERGENCE_RECHECK_DELAYS_MS),
    // After a failed or interrupted call the summary already said how to finish.
    next: failedOrStopped ? '' : prepared.next,
  });
  await trail.record(result.records, {
    refusal: result.interrupted
      ? { code: 'INTERRUPTED', message: 'interrupted by a signal' }
      : null,
    converged,
  });
  if (result.interrupted) return outcome('interrupted', result, converged);
  if (result.failed > 0) return outcome('failed', result, converged);
  if (converged === false) return outcome('not-converged', result, converged);
  if (converged === null) return outcome('unverified', result, converged);
  return outcome('applied', result, converged);
}

/**
 * Runs the calls. The first interrupt lets the calls in flight finish and starts no new
 * ones, so the summary and the audit record still say exactly what happened.
 */
async function execute(
  prepared: PreparedApply,
  trail: AuditTrail,
  deps: ApplyDeps,
  settings: RunSettings,
): Promise<ApplyResult> {
  const { host } = deps;
  const changes = prepared.plan.changes;
  await host.notify({
    type: 'apply-started',
    calls: plannedCalls(changes).length,
    concurrency: settings.concurrency,
  });
  const controller = new AbortController();
  const stopListening = deps.interrupts?.((signal) => {
    void host.notify({ type: 'interrupted', signal });
    controller.abort();
  });
  try {
    const result = await executePlan(changes, {
      client: deps.api,
      concurrency: settings.concurrency,
      knownIds: new Set(prepared.live.map((l) => l.id)),
      onEvent: (event: AppEvent) => void host.notify(event),
      now: () => deps.clock.now(),
      signal: controller.signal,
    });
    await host.notify({
      type: 'apply-finished',
      result,
      source: trail.source.kind,
    });
    return result;
  } finally {
    stopListening?.();
  }
}

export function outcome(
  kind: ApplyOutcomeKind,
  result: ApplyResult | null,
  converged: Convergence,
): ApplyOutcome {
  const ok = kind === 'applied' || kind === 'nothing-to-do' || kind === 'already-applied';
  return { kind, exitCode: ok ? EXIT_CODES.success : EXIT_CODES.failure, result, converged };
}
