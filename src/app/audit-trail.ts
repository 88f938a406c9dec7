import {
  buildAuditReport,
  plannedCalls,
  skippedRecord,
  type CallRecord,
  type CiContext,
} from '../apply/index.js';
import type { RefusalError } from '../model/errors.js';
import type { Change } from '../plan/index.js';
import type { ApplySourceKind } from './events.js';
import type { AuditSink, Clock } from './ports.js';

/** What the audit record says about the run besides its calls. */
export interface AuditContext {
  readonly toolVersion: string;
  readonly apiUrl: string;
  readonly ci: CiContext | null;
  readonly source: { readonly kind: ApplySourceKind; readonly detail: string };
}

export interface AuditOutcome {
  readonly refusal: { readonly code: string; readonly message: string } | null;
  readonly converged: boolean | null;
}

/**
 * The audit record of one apply run, written whatever the outcome: a refusal, a cancelled
 * prompt, an interrupted or a finished run. Every path of the runner ends in exactly one
 * `record` (or `refuse`, which records and throws).
 */
export class AuditTrail {
  private readonly startedAt: string;

  constructor(
    private readonly context: AuditContext,
    private readonly clock: Clock,
    private readonly sink: AuditSink | undefined,
    startedAt: Date = clock.now(),
  ) {
    this.startedAt = startedAt.toISOString();
  }

  get source(): AuditContext['source'] {
    return this.context.source;
  }

  get apiUrl(): string {
    return this.context.apiUrl;
  }

  async record(records: readonly CallRecord[], outcome: AuditOutcome): Promise<void> {
    if (this.sink === undefined) return;
    await this.sink.write(
      buildAuditReport({
        ...this.context,
        startedAt: this.startedAt,
        finishedAt: this.clock.now().toISOString(),
        records,
        refusal: outcome.refusal,
        converged: outcome.converged,
      }),
    );
  }

  /** Records a refusal (every call skipped) and throws it: exit 4, nothing called. */
  async refuse(changes: readonly Change[], error: RefusalError): Promise<never> {
    await this.record(skippedAll(changes, error), {
      refusal: { code: error.code, message: error.message },
      converged: null,
    });
    throw error;
  }
}

export function skippedAll(
  changes: readonly Change[],
  reason: { code: string; message: string },
): CallRecord[] {
  return plannedCalls(changes).map((planned) => skippedRecord(planned, reason));
}
