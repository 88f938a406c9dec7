import type { VoipbinClient } from '../api/client.js';
import { findDivergences } from '../apply/index.js';
import { EXIT_CODES, OutplanctlError, RefusalError } from '../model/errors.js';
import { displayName } from '../model/display.js';
import type { LiveOutplan } from '../model/outplan.js';
import type { Change, Plan, SavedPlan } from '../plan/index.js';
import { apiFlagsFrom } from './api-flags.js';
import { baseUrlFrom } from './api-client-from-env.js';
import {
  checkConverged,
  recheckDelays,
  checkReportPath,
  finishApply,
  refuse,
  runCalls,
  writeAuditReport,
  type ApplyRunContext,
} from './apply-run.js';
import { refuseIfUnsafe, showPlan, type ApplyFlags } from './apply-shared.js';
import type { CliIo } from './io.js';
import { clientFor } from './live-plan.js';
import { readUserFile } from './output-file.js';
import type { CommandContext } from './program.js';
import { safetyFlagsFrom } from './safety-flags.js';

/**
 * `apply --plan FILE`: exactly the reviewed calls, or none. Everything that could make them
 * wrong — another API, a moved account, an edited file — is checked before the first write.
 * No confirmation prompt: the review was the confirmation.
 */
export async function applySavedPlan(
  file: string,
  options: ApplyFlags,
  concurrency: number,
  context: CommandContext,
): Promise<number> {
  const { io } = context;
  const plans = await import('../plan/index.js');
  const saved = plans.parseSavedPlan(
    await readUserFile(io.cwd, file, '--plan', 'Write one with `outplanctl plan --out FILE`.'),
  );
  await checkReportPath(io.cwd, options.report);
  const api = apiFlagsFrom(options);
  const apiUrl = plans.sanitizeApiUrl(baseUrlFrom(api, io.env));
  const run: ApplyRunContext = {
    io,
    apiUrl,
    reportPath: options.report,
    source: { kind: 'saved-plan', detail: file },
    startedAt: io.now().toISOString(),
  };
  if (saved.api_url !== apiUrl) {
    await refuse(
      run,
      saved.plan.changes,
      new RefusalError(
        'PLAN_FOR_OTHER_API',
        `The saved plan was made against ${saved.api_url}, not ${apiUrl}; nothing was applied.`,
        {
          hint: 'Apply it with the same --api-url / VOIPBIN_API_URL, or plan again against this API.',
        },
      ),
    );
  }
  const client = clientFor(api, io, context.debug);
  try {
    const live = await client.listOutplans();
    await refuseIfStale(saved, live, run);
    const { plan, campaignsKnown } = await refreshCampaigns(saved.plan, client, io);
    await showPlan(plan, io);
    if (plan.changes.length === 0) {
      io.stderr.write('The saved plan has no changes; nothing to apply.\n');
      await writeAuditReport(run, [], { refusal: null, converged: true });
      return EXIT_CODES.success;
    }
    // The stricter of the rules the plan was reviewed under and the flags given now.
    const safety = plans.effectiveSafety(saved.safety, safetyFlagsFrom(options));
    await refuseIfUnsafe(plan, safety, { liveCount: live.length, campaignsKnown }, run);
    const result = await runCalls(plan.changes, client, live, concurrency, run);
    const converged = await checkConverged(
      async () => {
        const after = await client.listOutplans();
        return findDivergences(plan.changes, result.records, after).map(
          (d) => `${displayName(d.name)}${d.id ? ` (${d.id})` : ''} ${d.reason}`,
        );
      },
      io,
      recheckDelays(result),
    );
    return await finishApply(run, result, converged);
  } finally {
    await client.close();
  }
}

async function refuseIfStale(
  saved: SavedPlan,
  live: readonly LiveOutplan[],
  run: ApplyRunContext,
): Promise<void> {
  const { compareFingerprint, describeStaleReasons, verifySavedPlanAgainstLive } =
    await import('../plan/index.js');
  const stale = compareFingerprint(saved, live);
  if (stale.length === 0) {
    // The checksum proves integrity, not authorship: each call must also fit the account.
    const mismatches = verifySavedPlanAgainstLive(saved, live);
    if (mismatches.length === 0) return;
    await refuse(
      run,
      saved.plan.changes,
      new RefusalError(
        'PLAN_DOES_NOT_FIT',
        `The saved plan does not fit the live account it claims to have been made from; nothing was applied.\n${mismatches.map((m) => `- ${m.message}`).join('\n')}`,
        {
          hint: 'Plan again with `outplanctl plan --out FILE` and apply the new file; never edit a saved plan.',
        },
      ),
    );
  }
  await refuse(
    run,
    saved.plan.changes,
    new RefusalError(
      'STALE_PLAN',
      `The live account changed since the plan was made (${saved.created_at}); nothing was applied.\n` +
        describeStaleReasons(stale),
      { hint: 'Run `outplanctl plan --out FILE` again, review it, and apply the new plan.' },
    ),
  );
}

/**
 * Campaigns may have started or stopped since the plan was reviewed; the delete-in-use
 * rule must judge the account as it is now, not as it was.
 */
async function refreshCampaigns(
  plan: Plan,
  client: VoipbinClient,
  io: CliIo,
): Promise<{ plan: Plan; campaignsKnown: boolean }> {
  if (!plan.changes.some((c) => c.action === 'delete')) return { plan, campaignsKnown: true };
  const { indexCampaigns, campaignsOf } = await import('../plan/campaign-impact.js');
  try {
    const index = indexCampaigns(await client.listCampaigns());
    const changes: Change[] = plan.changes.map((c) =>
      c.action === 'create' ? c : { ...c, campaigns: campaignsOf(index, c.id) },
    );
    return { plan: { ...plan, changes }, campaignsKnown: true };
  } catch (error) {
    io.stderr.write(
      `warning: campaigns could not be listed (${error instanceof OutplanctlError ? error.message : String(error)}).\n`,
    );
    return { plan, campaignsKnown: false };
  }
}
