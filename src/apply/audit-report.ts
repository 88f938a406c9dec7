import type { CallRecord } from './call-record.js';

export const AUDIT_FORMAT_VERSION = 1;

/** The CI run that made the calls, when there was one (GitHub Actions variables). */
export interface CiContext {
  readonly repository: string | null;
  readonly sha: string | null;
  readonly actor: string | null;
  readonly run_id: string | null;
}

export interface AuditInput {
  readonly toolVersion: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Already stripped of credentials. */
  readonly apiUrl: string;
  readonly ci: CiContext | null;
  /** `plan` (fresh) or the saved plan's path. */
  readonly source: { readonly kind: 'config' | 'saved-plan'; readonly detail: string };
  readonly records: readonly CallRecord[];
  /** Why nothing (more) was called, if a safety rule or stale check said no. */
  readonly refusal: { readonly code: string; readonly message: string } | null;
  /** After the calls: did the account match? null when not checked. */
  readonly converged: boolean | null;
}

/**
 * `succeeded` only when the closing check showed the account matches (or there was
 * nothing to do): calls that all returned 2xx are not enough, a racing run may have left a
 * duplicate. `not-converged`: the account still differs; `unverified`: it could not be
 * re-listed to check.
 */
export type AuditOutcome = 'refused' | 'failed' | 'not-converged' | 'unverified' | 'succeeded';

function outcomeOf(input: AuditInput, failed: number): AuditOutcome {
  if (input.refusal !== null) return 'refused';
  if (failed > 0) return 'failed';
  if (input.converged === false) return 'not-converged';
  if (input.converged === null) return 'unverified';
  return 'succeeded';
}

/**
 * The audit record of one apply run, as written by `apply --report FILE`. Snake-case keys,
 * versioned; every call with its request id, so support can trace each one.
 */
export function buildAuditReport(input: AuditInput): Record<string, unknown> {
  const count = (outcome: CallRecord['outcome']) =>
    input.records.filter((r) => r.outcome === outcome).length;
  return {
    format_version: AUDIT_FORMAT_VERSION,
    tool_version: input.toolVersion,
    started_at: input.startedAt,
    finished_at: input.finishedAt,
    api_url: input.apiUrl,
    ci: input.ci,
    source: input.source,
    outcome: outcomeOf(input, count('failed')),
    refusal: input.refusal,
    converged: input.converged,
    summary: {
      calls: input.records.length,
      succeeded: count('succeeded'),
      adopted: count('adopted'),
      failed: count('failed'),
      skipped: count('skipped'),
    },
    calls: input.records.map((r) => ({
      action: r.call,
      method: r.method,
      path: r.path,
      name: r.name,
      id: r.id,
      before: r.before,
      after: r.after,
      outcome: r.outcome,
      status: r.status,
      request_id: r.requestId,
      retries: r.retries,
      duration_ms: r.durationMs,
      started_at: r.startedAt,
      finished_at: r.finishedAt,
      error: r.error,
    })),
  };
}
