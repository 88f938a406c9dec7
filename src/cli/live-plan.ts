import type { VoipbinClient } from '../api/client.js';
import type { LoadedConfig } from '../config/load.js';
import type { Campaign } from '../model/campaign.js';
import { ConfigError, messageOf } from '../model/errors.js';
import type { LiveOutplan } from '../model/outplan.js';
import { buildPlan, type Plan } from '../plan/index.js';
import { baseUrlFrom, createClientFromCli, type ApiFlags } from './api-client-from-env.js';
import { apiFlagsFrom, type RawApiOptions } from './api-flags.js';
import { debugTrace } from './debug-trace.js';
import { loadDesired } from './desired-config.js';
import type { CliIo } from './io.js';

export interface LivePlanRequest {
  readonly paths: string[];
  readonly prune: boolean;
  readonly api: ApiFlags;
  readonly strict?: boolean;
  readonly debug: boolean;
}

/** The flags `plan` and `apply` share, as commander parses them. */
export interface PlanFlags extends RawApiOptions {
  prune?: boolean;
  strict?: boolean;
}

export function livePlanRequest(
  paths: string[],
  flags: PlanFlags,
  debug: boolean,
): LivePlanRequest {
  return {
    paths,
    prune: flags.prune === true,
    api: apiFlagsFrom(flags),
    strict: flags.strict === true,
    debug,
  };
}

export interface LivePlan {
  readonly loaded: LoadedConfig;
  readonly live: readonly LiveOutplan[];
  readonly plan: Plan;
  /** false when campaigns could not be listed (safety then refuses deletes). */
  readonly campaignsKnown: boolean;
  readonly client: VoipbinClient;
  readonly apiUrl: string;
}

export function clientFor(api: ApiFlags, io: CliIo, debug: boolean): VoipbinClient {
  return createClientFromCli(api, io.env, debug ? debugTrace(io.stderr) : undefined);
}

/**
 * Desired state and live state, side by side, and the plan between them.
 *
 * The config loads in a worker while the listing runs, so a large config costs no extra
 * wall time. A config error wins over an API error: it is the user's to fix first, and
 * nothing has been written either way.
 */
export async function planAgainstLive(request: LivePlanRequest, io: CliIo): Promise<LivePlan> {
  const client = clientFor(request.api, io, request.debug);
  try {
    const [loading, listing] = await Promise.allSettled([
      loadDesired(request.paths, io, { strict: request.strict ?? false, inWorker: true }),
      client.listOutplans(),
    ]);
    if (loading.status === 'rejected') throw loading.reason;
    if (listing.status === 'rejected') throw listing.reason;
    const loaded = loading.value;
    const live = listing.value;
    const { plan, campaignsKnown } = await planWithCampaigns(
      loaded,
      live,
      request.prune,
      client,
      io,
    );
    return { loaded, live, plan, campaignsKnown, client, apiUrl: baseUrlFrom(request.api, io.env) };
  } catch (error) {
    await client.close();
    throw error;
  }
}

/**
 * Campaigns only matter to changes and outplans that already exist, so a plan with no
 * update, delete or unmanaged outplan skips the campaign listing (a drift check of an
 * unchanged account makes only the outplan listing's requests).
 */
async function planWithCampaigns(
  loaded: LoadedConfig,
  live: readonly LiveOutplan[],
  prune: boolean,
  client: VoipbinClient,
  io: CliIo,
): Promise<{ plan: Plan; campaignsKnown: boolean }> {
  const first = buildPlan({ desired: loaded.state, live, campaigns: [], prune });
  if (first.problems.length > 0) {
    throw new ConfigError(
      first.problems,
      'The configuration cannot be matched to the live account unambiguously.',
    );
  }
  const needsCampaigns =
    first.plan.unmanaged.length > 0 || first.plan.changes.some((c) => c.action !== 'create');
  if (!needsCampaigns) return { plan: first.plan, campaignsKnown: true };
  let campaigns: Campaign[] | null;
  try {
    campaigns = await client.listCampaigns();
  } catch (error) {
    io.stderr.write(
      `warning: campaigns could not be listed (${messageOf(error)}); ` +
        'the plan cannot say which campaigns its changes affect, and deletes are refused.\n',
    );
    campaigns = null;
  }
  const { plan } = buildPlan({ desired: loaded.state, live, campaigns, prune });
  return { plan, campaignsKnown: campaigns !== null };
}
