/**
 * A saved plan: the plan value on disk with everything `apply --plan` needs to make exactly
 * the reviewed calls (ids and complete field groups), the API it was planned against, the
 * config digest, the safety settings it was made under, and the live fingerprint that
 * proves the account has not moved since.
 *
 * `checksum` is sha256 over the canonical JSON of every other key. It detects a hand-edited
 * or damaged file; it is integrity, not a signature (anyone can recompute it).
 */
import { OUTPLAN_DESCRIPTOR, defaultValueOf } from '../model/outplan-descriptor.js';
import type { LiveOutplan, OutplanFields } from '../model/outplan.js';
import { sanitizeApiUrl } from './api-url.js';
import { digestOf } from './canonical-json.js';
import {
  compareLiveFingerprint,
  fingerprintLive,
  type LiveFingerprint,
  type StaleReason,
} from './fingerprint.js';
import { SavedPlanError } from './saved-plan-error.js';
import type { SavedPlanSafety } from './saved-plan-safety.js';
import { savedPlanSchemaProblems } from './saved-plan-validate.js';
import { summarizePlan, type Change, type Plan, type PlanSummary } from './types.js';

export const SAVED_PLAN_KIND = 'outplanctl-saved-plan';
export const SAVED_PLAN_FORMAT_VERSION = 1;

export interface SavedPlan {
  readonly kind: typeof SAVED_PLAN_KIND;
  readonly format_version: typeof SAVED_PLAN_FORMAT_VERSION;
  readonly tool_version: string;
  /** ISO 8601, supplied by the caller (the core has no clock). */
  readonly created_at: string;
  /** Base URL with query string, userinfo and fragment removed: never a credential. */
  readonly api_url: string;
  readonly config_digest: string;
  readonly prune: boolean;
  /**
   * The safety settings `plan` ran with (`effectiveSafety` combines them with apply's).
   * Absent in files written before it existed: read as the defaults.
   */
  readonly safety?: SavedPlanSafety;
  /** Redundant with `plan`, for a human skimming the file. */
  readonly summary: PlanSummary;
  readonly plan: Plan;
  readonly live_fingerprint: LiveFingerprint;
  /** `sha256:<hex>` over the canonical JSON of every other key. */
  readonly checksum: string;
}

export interface CreateSavedPlanInput {
  readonly plan: Plan;
  readonly apiUrl: string;
  readonly configDigest: string;
  /** Every live (not deleted) outplan the plan read. */
  readonly live: readonly LiveOutplan[];
  readonly prune: boolean;
  /** The safety settings `plan` ran with (see `savedPlanSafety`); stored and checksummed. */
  readonly safety?: SavedPlanSafety;
  readonly toolVersion: string;
  readonly createdAt: string;
}

export function createSavedPlan(input: CreateSavedPlanInput): SavedPlan {
  const body: Omit<SavedPlan, 'checksum'> = {
    kind: SAVED_PLAN_KIND,
    format_version: SAVED_PLAN_FORMAT_VERSION,
    tool_version: input.toolVersion,
    created_at: input.createdAt,
    api_url: sanitizeApiUrl(input.apiUrl),
    config_digest: input.configDigest,
    prune: input.prune,
    ...(input.safety ? { safety: pickSafety(input.safety) } : {}),
    summary: summarizePlan(input.plan),
    // A JSON round trip drops anything that is not plain data, so what is checksummed is
    // exactly what a parse will see.
    plan: JSON.parse(JSON.stringify(input.plan)) as Plan,
    live_fingerprint: fingerprintLive(input.live),
  };
  return { ...body, checksum: digestOf(body) };
}

/** The file content: pretty JSON with a trailing newline (diff-friendly in a CI artifact). */
export function serializeSavedPlan(saved: SavedPlan): string {
  return `${JSON.stringify(saved, null, 2)}\n`;
}

/** Parses and verifies a saved plan file; throws `SavedPlanError` with a clear reason. */
export function parseSavedPlan(text: string): SavedPlan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SavedPlanError('not-json', 'The saved plan file is not JSON.', hintForeign);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SavedPlanError('invalid', 'The saved plan file is not a JSON object.', hintForeign);
  }
  const record = value as Record<string, unknown>;
  if (record.kind !== SAVED_PLAN_KIND) {
    throw new SavedPlanError(
      'invalid',
      `The file is not an outplanctl saved plan (expected "kind": "${SAVED_PLAN_KIND}").`,
      hintForeign,
    );
  }
  if (record.format_version !== SAVED_PLAN_FORMAT_VERSION) {
    throw new SavedPlanError(
      'wrong-format-version',
      `The saved plan has format_version ${JSON.stringify(record.format_version)}; this ` +
        `outplanctl reads format_version ${SAVED_PLAN_FORMAT_VERSION}` +
        (typeof record.tool_version === 'string'
          ? ` (it was written by ${record.tool_version}).`
          : '.'),
      'Plan again with this version of outplanctl, or apply with the version that wrote the file.',
    );
  }
  const { checksum, ...body } = record;
  if (typeof checksum !== 'string' || checksum !== digestOf(body)) {
    throw new SavedPlanError(
      'tampered',
      'The saved plan was modified after it was written: its checksum does not match its content. ' +
        'Nothing was applied.',
      'Never edit a saved plan; change the config and run `outplanctl plan --out FILE` again.',
    );
  }
  const problems = savedPlanSchemaProblems(record);
  if (problems.length > 0) {
    throw new SavedPlanError(
      'invalid',
      `The saved plan is malformed: ${problems.slice(0, 5).join('; ')}` +
        (problems.length > 5 ? ` (and ${problems.length - 5} more).` : '.'),
      hintForeign,
    );
  }
  return withFieldDefaults(record as unknown as SavedPlan);
}

/**
 * The compatibility rule for outplan fields: a field added after a file was written is
 * absent from it and reads as its default (what the API stores for a missing key, and what
 * the older outplanctl that wrote the file would have left it at).
 */
function withFieldDefaults(saved: SavedPlan): SavedPlan {
  const complete = (fields: OutplanFields): OutplanFields => {
    const out: Record<string, unknown> = {};
    for (const spec of OUTPLAN_DESCRIPTOR) {
      out[spec.key] = spec.key in fields ? fields[spec.key] : defaultValueOf(spec.kind);
    }
    return out as OutplanFields;
  };
  const changes = saved.plan.changes.map((change): Change => {
    switch (change.action) {
      case 'create':
        return { ...change, after: complete(change.after) };
      case 'update':
        return { ...change, before: complete(change.before), after: complete(change.after) };
      case 'delete':
        return { ...change, before: complete(change.before) };
      default: {
        const never: never = change;
        return never;
      }
    }
  });
  return { ...saved, plan: { ...saved.plan, changes } };
}

/** Why the account no longer matches the saved plan's fingerprint; empty when it does. */
export function compareFingerprint(
  saved: SavedPlan,
  currentLive: readonly LiveOutplan[],
): StaleReason[] {
  return compareLiveFingerprint(saved.live_fingerprint, currentLive);
}

/** Exactly the three keys, so what is stored and checksummed is what the shape check reads. */
function pickSafety(safety: SavedPlanSafety): SavedPlanSafety {
  return {
    max_delete_share: safety.max_delete_share,
    allow_mass_delete: safety.allow_mass_delete,
    allow_delete_in_use: safety.allow_delete_in_use,
  };
}

const hintForeign = 'Pass the file written by `outplanctl plan --out FILE`.';
