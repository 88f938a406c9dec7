/**
 * The plan use case: the config and the live account side by side, and the plan between
 * them. `plan` renders it; a fresh `apply` carries it out.
 */
import { InconsistentListingError } from '../api/listing.js';
import { stateDigest } from '../config/digest.js';
import type { LoadedConfig } from '../config/load.js';
import type { Campaign } from '../model/campaign.js';
import { hasErrors } from '../model/diagnostic.js';
import { ConfigError, messageOf } from '../model/errors.js';
import type { LiveOutplan } from '../model/outplan.js';
import {
  buildPlan,
  createSavedPlan,
  savedPlanSafety,
  type Plan,
  type SafetyFlags,
  type SavedPlan,
} from '../plan/index.js';
import type { AccountNumber } from '../model/number.js';
import {
  callerIdRefusal,
  numbersForPlan,
  readNumbers,
  startNumbersEarly,
  warnIfUnverified,
  type NumbersRead,
} from './caller-id-check.js';
import type { ConfigSource, Host, OutplanApi } from './ports.js';

export interface PlanRequest {
  readonly paths: readonly string[];
  readonly prune: boolean;
  readonly strict: boolean;
  /** The API the client talks to, credential-free (it goes into saved plans and reports). */
  readonly apiUrl: string;
}

export interface PlanDeps {
  readonly api: OutplanApi;
  readonly config: ConfigSource;
  readonly host: Host;
}

export interface PlanSession {
  readonly request: PlanRequest;
  readonly loaded: LoadedConfig;
  readonly live: readonly LiveOutplan[];
  readonly plan: Plan;
  /** false when campaigns could not be listed (safety then refuses deletes). */
  readonly campaignsKnown: boolean;
  /** The account's numbers the caller IDs were checked against (see caller-id-check.ts). */
  readonly numbers: NumbersRead;
}

/**
 * Reads run concurrently: the config (a worker, in the CLI) while the outplans are listed,
 * so a large config costs no extra wall time. A config error wins over an API error: it is
 * the user's to fix first, and nothing has been written either way.
 *
 * The account's numbers are listed as soon as the config shows a `tel` caller ID (its text,
 * when the config source can tell before parsing), while the outplans are still being
 * listed; the policy judges them before anything else is read.
 */
export async function openPlanSession(request: PlanRequest, deps: PlanDeps): Promise<PlanSession> {
  const early = startNumbersEarly(deps.api, deps.config.mayDeclareTelCallerIds?.(request.paths));
  const reads = await Promise.allSettled([
    loadDesired(request, deps).then(async (loaded) => ({
      loaded,
      numbers: await readNumbers(deps.api, loaded.state.outplans, early),
    })),
    deps.api.listOutplans(),
  ] as const);
  const [loading, listing] = reads;
  if (loading.status === 'rejected') throw loading.reason;
  if (listing.status === 'rejected') throw listing.reason;
  const { loaded, numbers } = loading.value;
  const live = listing.value;
  const refusal = callerIdRefusal(loaded, numbers);
  if (refusal) throw refusal;
  await warnIfUnverified(loaded, numbers, deps.host);
  const { plan, campaignsKnown } = await planWithCampaigns(
    loaded,
    live,
    { prune: request.prune, numbers: numbersForPlan(numbers) },
    deps,
  );
  return { request, loaded, live, plan, campaignsKnown, numbers };
}

async function loadDesired(request: PlanRequest, deps: PlanDeps): Promise<LoadedConfig> {
  const loaded = await deps.config.load(request.paths, { strict: request.strict });
  if (hasErrors(loaded.diagnostics)) {
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
    throw new ConfigError(
      loaded.diagnostics,
      `The configuration has ${errors} error${errors === 1 ? '' : 's'}; nothing was changed.`,
    );
  }
  if (loaded.diagnostics.length > 0)
    await deps.host.notify({ type: 'config-warnings', diagnostics: loaded.diagnostics });
  return loaded;
}

/**
 * Campaigns only matter to changes and outplans that already exist, so a plan with no
 * update, delete or unmanaged outplan skips the campaign listing (a drift check of an
 * unchanged account makes only the outplan listing's requests).
 */
async function planWithCampaigns(
  loaded: LoadedConfig,
  live: readonly LiveOutplan[],
  options: { prune: boolean; numbers: readonly AccountNumber[] | null | undefined },
  deps: PlanDeps,
): Promise<{ plan: Plan; campaignsKnown: boolean }> {
  const { prune, numbers } = options;
  const configWarnings = loaded.diagnostics;
  const first = buildPlan({
    desired: loaded.state,
    live,
    campaigns: [],
    prune,
    numbers,
    configWarnings,
  });
  if (first.problems.length > 0) {
    throw new ConfigError(
      first.problems,
      'The configuration cannot be matched to the live account unambiguously.',
    );
  }
  const needsCampaigns =
    first.plan.unmanaged.length > 0 || first.plan.changes.some((c) => c.action !== 'create');
  if (!needsCampaigns) return { plan: first.plan, campaignsKnown: true };
  const campaigns = await listCampaignsOrWarn(
    deps,
    'the plan cannot say which campaigns its changes affect, and deletes are refused',
  );
  const { plan } = buildPlan({
    desired: loaded.state,
    live,
    campaigns,
    prune,
    numbers,
    configWarnings,
  });
  return { plan, campaignsKnown: campaigns !== null };
}

/** The campaign listing, or null (with a warning) when it failed: deletes are then refused. */
export async function listCampaignsOrWarn(
  deps: { api: OutplanApi; host: Host },
  consequence: string,
): Promise<Campaign[] | null> {
  try {
    return await deps.api.listCampaigns();
  } catch (error) {
    // A listing that contradicts itself is not "unavailable": the API cannot be trusted
    // this run, so the run stops before any write (a failed call only limits deletes).
    if (error instanceof InconsistentListingError) throw error;
    await deps.host.notify({
      type: 'warning',
      code: 'CAMPAIGNS_UNKNOWN',
      message: `campaigns could not be listed (${messageOf(error)}); ${consequence}.`,
    });
    return null;
  }
}

/** The file `plan --out` writes: the plan with what it was made from and under which rules. */
export function savedPlanOf(
  session: PlanSession,
  safety: SafetyFlags,
  meta: { toolVersion: string; createdAt: Date },
): SavedPlan {
  return createSavedPlan({
    plan: session.plan,
    apiUrl: session.request.apiUrl,
    // Only a saved plan needs it: computed here, not by every load (validate never hashes).
    configDigest: stateDigest(session.loaded.state),
    live: session.live,
    prune: session.request.prune,
    safety: savedPlanSafety(safety),
    toolVersion: meta.toolVersion,
    createdAt: meta.createdAt.toISOString(),
  });
}
