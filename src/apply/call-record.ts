import type { OutplanFields } from '../model/outplan.js';
import { pickBasic, pickDialInfo } from '../model/outplan.js';
import { callRoute, type CallKind, type CallMethod, type Change } from '../plan/index.js';

export type CallOutcome = 'succeeded' | 'adopted' | 'failed' | 'skipped';

/** One API call of an apply run: what it was meant to do and what happened. */
export interface CallRecord {
  readonly call: CallKind;
  readonly method: CallMethod;
  /** The route with the real id, URL-encoded (ids are not secret; credentials never appear here). */
  readonly path: string;
  readonly name: string;
  /** The outplan's id; for a create, the id it received (null if it failed or was skipped). */
  readonly id: string | null;
  /** The field group the call replaces, as it was (null for a create). */
  readonly before: Partial<OutplanFields> | null;
  /** The field group the call sends (null for a delete). */
  readonly after: Partial<OutplanFields> | null;
  readonly outcome: CallOutcome;
  readonly status: number | null;
  readonly requestId: string | null;
  /** HTTP attempts beyond the first (retries after 429, 5xx, resets, timeouts). */
  readonly retries: number;
  readonly durationMs: number;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly hint?: string;
  } | null;
}

/** A call the plan holds, before anything ran. */
export interface PlannedCall {
  readonly change: Change;
  readonly call: CallKind;
}

export function plannedCalls(changes: readonly Change[]): PlannedCall[] {
  return changes.flatMap((change) => change.calls.map((call) => ({ change, call })));
}

/** The before/after field groups of one call, exactly as the API sees them. */
export function groupsOf({ change, call }: PlannedCall): Pick<CallRecord, 'before' | 'after'> {
  switch (change.action) {
    case 'create':
      return { before: null, after: change.after };
    case 'delete':
      return { before: change.before, after: null };
    case 'update': {
      const pick = call === 'update_basic' ? pickBasic : pickDialInfo;
      return { before: pick(change.before), after: pick(change.after) };
    }
    default: {
      const never: never = change;
      return never;
    }
  }
}

/** The record of a call that was never attempted (a refusal, or a failed prerequisite). */
export function skippedRecord(
  planned: PlannedCall,
  reason: { code: string; message: string },
): CallRecord {
  const id = planned.change.id;
  return {
    call: planned.call,
    ...callRoute(planned.call, id),
    name: planned.change.name,
    id,
    ...groupsOf(planned),
    outcome: 'skipped',
    status: null,
    requestId: null,
    retries: 0,
    durationMs: 0,
    startedAt: null,
    finishedAt: null,
    error: reason,
  };
}
