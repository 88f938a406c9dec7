/**
 * Creating an outplan without ever making a duplicate. VoIPBIN's create is not idempotent
 * and may commit and still answer 503, so a POST is never repeated blindly: after an
 * ambiguous failure (5xx, reset, timeout) the client re-lists, spread over seconds because
 * reads may lag a write, and adopts the outplan if it shows up. Only when every re-list
 * proved that nothing was created is the POST sent again, like any other retried call,
 * up to `maxCreateAttempts` POSTs.
 */
import { displayName } from '../model/display.js';
import { changedFields, type LiveOutplan, type OutplanFields } from '../model/outplan.js';
import { ApiError, type CallMeta } from './api-error.js';
import { formatSeconds } from './http-attempt.js';
import type { Transport } from './transport.js';

export interface CreateDeps {
  readonly transport: Transport;
  readonly post: () => Promise<
    | { outcome: 'created'; outplan: LiveOutplan; meta: CallMeta }
    | { outcome: 'ambiguous'; error: ApiError }
  >;
  readonly listOutplans: () => Promise<LiveOutplan[]>;
  readonly now: () => number;
  readonly maxCreateAttempts: number;
  readonly recheckDelaysMs: readonly number[];
  /** Ids this client created or adopted: never adopted (again) for another create. */
  readonly claimed: Set<string>;
}

export async function createWithoutDuplicates(
  deps: CreateDeps,
  fields: OutplanFields,
  knownIds: ReadonlySet<string>,
): Promise<{ outplan: LiveOutplan; meta: CallMeta }> {
  const { transport } = deps;
  const started = deps.now();
  const total = (meta: CallMeta, attempts: number): CallMeta => ({
    ...meta,
    attempts,
    durationMs: Math.round(deps.now() - started),
  });
  let posts = 0;
  for (let round = 1; ; round++) {
    const result = await deps.post();
    if (result.outcome === 'created') {
      posts += result.meta.attempts;
      deps.claimed.add(result.outplan.id);
      return { outplan: result.outplan, meta: total(result.meta, posts) };
    }
    const { error } = result;
    posts += error.meta.attempts;
    transport.emit({ type: 'create-ambiguous', name: fields.name, reason: error.code });
    const meta = total(error.meta, posts);
    const found = await recheck(deps, fields, knownIds, error, meta);
    if (found) {
      deps.claimed.add(found.id);
      transport.emit({ type: 'create-adopted', name: fields.name, id: found.id });
      return { outplan: found, meta: { ...total(error.meta, posts), adopted: true } };
    }
    transport.emit({ type: 'create-not-found', name: fields.name, attempt: round });
    if (round >= deps.maxCreateAttempts) {
      const lists = deps.recheckDelaysMs.length;
      const waited = deps.recheckDelaysMs.reduce((a, b) => a + b, 0);
      throw new ApiError({
        code: error.code,
        message: `${error.message}. Creating ${displayName(fields.name)} failed ${round} time(s); ${lists} listing(s) over ~${formatSeconds(waited)} after each failure did not show it.`,
        hint: `${error.hint ?? ''} ${NEXT_PLAN_SHOWS}`.trim(),
        meta: total(error.meta, posts),
        reason: error.reason,
        requestId: error.requestId,
        cause: error,
      });
    }
  }
}

/** Re-lists after each delay; the first adoptable match ends it. */
async function recheck(
  deps: CreateDeps,
  fields: OutplanFields,
  knownIds: ReadonlySet<string>,
  createError: ApiError,
  meta: CallMeta,
): Promise<LiveOutplan | undefined> {
  for (const delay of deps.recheckDelaysMs) {
    await deps.transport.wait(
      delay,
      `another listing: the create of ${displayName(fields.name)} may have landed (${createError.code}), and VoIPBIN can be slow to list a new outplan`,
    );
    const found = await findAdoptable(deps, fields, knownIds, createError, meta);
    if (found) return found;
  }
  return undefined;
}

async function findAdoptable(
  deps: CreateDeps,
  fields: OutplanFields,
  knownIds: ReadonlySet<string>,
  createError: ApiError,
  meta: CallMeta,
): Promise<LiveOutplan | undefined> {
  let live: LiveOutplan[];
  try {
    live = await deps.listOutplans();
  } catch (error) {
    // Creating again could duplicate it, adopting nothing could leave it behind.
    throw new ApiError({
      code: 'CREATE_OUTCOME_UNKNOWN',
      message: `${createError.message}. The create may have succeeded, and listing outplans to check failed too (${error instanceof Error ? error.message : String(error)}), so ${displayName(fields.name)} may or may not exist now.`,
      hint: `Nothing more was created. ${NEXT_PLAN_SHOWS}`,
      meta,
      reason: createError.reason,
      requestId: createError.requestId,
      cause: error,
    });
  }
  // Newest first, as listed: the likeliest match is the one just written.
  return live.find(
    (outplan) =>
      !knownIds.has(outplan.id) &&
      !deps.claimed.has(outplan.id) &&
      changedFields(outplan.fields, fields).length === 0,
  );
}

// VoIPBIN's reads can lag a write by seconds: an immediate plan could still miss it.
const NEXT_PLAN_SHOWS =
  'Wait a few seconds (VoIPBIN can be slow to list a new outplan), then run `outplanctl plan` before applying again: it matches outplans by name, so it shows whether the outplan exists (and any duplicate).';
