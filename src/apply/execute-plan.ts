import type { LiveOutplan, OutplanFields } from '../model/outplan.js';
import { OutplanctlError, messageOf } from '../model/errors.js';
import { pickBasic, pickDialInfo } from '../model/outplan.js';
import type { CallMeta } from '../api/index.js';
import { ApiError } from '../api/index.js';
import { callRoute, type Change } from '../plan/index.js';
import { runPool } from './pool.js';
import {
  groupsOf,
  plannedCalls,
  skippedRecord,
  type CallRecord,
  type PlannedCall,
} from './call-record.js';

/** The client calls apply needs (VoipbinClient satisfies it). */
export interface ApplyClient {
  createOutplan(
    fields: OutplanFields,
    opts: { knownIds: ReadonlySet<string> },
  ): Promise<{ outplan: LiveOutplan; meta: CallMeta }>;
  updateBasic(
    id: string,
    fields: Pick<OutplanFields, 'name' | 'detail'>,
  ): Promise<{ outplan: LiveOutplan; meta: CallMeta }>;
  updateDialInfo(
    id: string,
    fields: ReturnType<typeof pickDialInfo>,
  ): Promise<{ outplan: LiveOutplan; meta: CallMeta }>;
  deleteOutplan(id: string): Promise<{ meta: CallMeta }>;
}

export type ApplyEvent =
  | { readonly type: 'call-started'; readonly call: PlannedCall; readonly total: number }
  | {
      readonly type: 'call-finished';
      readonly record: CallRecord;
      readonly done: number;
      readonly total: number;
    };

export interface ExecuteOptions {
  readonly client: ApplyClient;
  /** Changes in flight at once; the calls of one change run in order. */
  readonly concurrency: number;
  /** Ids of every live outplan before the run: a lost create is never "adopted" from these. */
  readonly knownIds: ReadonlySet<string>;
  readonly onEvent?: (event: ApplyEvent) => void;
  readonly now: () => Date;
  /**
   * Aborted when the user interrupts: calls in flight finish (a request cut off halfway is
   * the ambiguous case we never want), calls not yet started are recorded as skipped.
   */
  readonly signal?: AbortSignal;
}

export interface ApplyResult {
  /** Every call, in plan order. */
  readonly records: readonly CallRecord[];
  readonly failed: number;
  /** The run was interrupted; some calls were skipped. */
  readonly interrupted: boolean;
}

/**
 * Runs every call of the plan. Safety and staleness were decided before this is called:
 * here, a failed call never stops the others, and every call ends up in the result.
 */
const INTERRUPTED = {
  code: 'INTERRUPTED',
  message: 'not started: the run was interrupted (SIGINT/SIGTERM)',
};

export async function executePlan(
  changes: readonly Change[],
  options: ExecuteOptions,
): Promise<ApplyResult> {
  const total = plannedCalls(changes).length;
  let done = 0;
  const finish = (record: CallRecord): CallRecord => {
    done++;
    options.onEvent?.({ type: 'call-finished', record, done, total });
    return record;
  };
  const perChange = await runPool(changes, options.concurrency, async (change) => {
    const records: CallRecord[] = [];
    // The two PUTs of one update replace independent field groups: one failing does not
    // make the other wrong, so both are attempted and reported separately.
    for (const call of change.calls) {
      const planned = { change, call };
      if (options.signal?.aborted) {
        records.push(finish(skippedRecord(planned, INTERRUPTED)));
        continue;
      }
      options.onEvent?.({ type: 'call-started', call: planned, total });
      records.push(finish(await runCall(planned, options)));
    }
    return records;
  });
  const records = perChange.flat();
  return {
    records,
    failed: records.filter((r) => r.outcome === 'failed').length,
    interrupted: options.signal?.aborted === true,
  };
}

async function runCall(planned: PlannedCall, options: ExecuteOptions): Promise<CallRecord> {
  const startedAt = options.now().toISOString();
  const base = {
    call: planned.call,
    name: planned.change.name,
    ...groupsOf(planned),
    startedAt,
  };
  try {
    const { id, meta } = await send(planned, options);
    return {
      ...base,
      ...callRoute(planned.call, id),
      id,
      outcome: meta.adopted ? 'adopted' : 'succeeded',
      status: meta.status,
      requestId: meta.requestId,
      retries: Math.max(0, meta.attempts - 1),
      durationMs: Math.round(meta.durationMs),
      finishedAt: options.now().toISOString(),
      error: null,
    };
  } catch (error) {
    const meta = error instanceof ApiError ? error.meta : null;
    return {
      ...base,
      ...callRoute(planned.call, planned.change.id),
      id: planned.change.id,
      outcome: 'failed',
      status: meta?.status ?? null,
      requestId: error instanceof ApiError ? error.requestId : null,
      retries: meta ? Math.max(0, meta.attempts - 1) : 0,
      durationMs: meta ? Math.round(meta.durationMs) : 0,
      finishedAt: options.now().toISOString(),
      error: describeError(error),
    };
  }
}

async function send(
  { change, call }: PlannedCall,
  { client, knownIds }: ExecuteOptions,
): Promise<{ id: string; meta: CallMeta }> {
  switch (change.action) {
    case 'create': {
      const { outplan, meta } = await client.createOutplan(change.after, { knownIds });
      return { id: outplan.id, meta };
    }
    case 'update': {
      const result =
        call === 'update_basic'
          ? await client.updateBasic(change.id, pickBasic(change.after))
          : await client.updateDialInfo(change.id, pickDialInfo(change.after));
      return { id: change.id, meta: result.meta };
    }
    case 'delete': {
      const { meta } = await client.deleteOutplan(change.id);
      return { id: change.id, meta };
    }
    default: {
      const never: never = change;
      return never;
    }
  }
}

function describeError(error: unknown): NonNullable<CallRecord['error']> {
  if (error instanceof OutplanctlError) {
    return error.hint === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, hint: error.hint };
  }
  return { code: 'INTERNAL', message: messageOf(error) };
}
