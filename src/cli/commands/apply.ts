import type { Command } from 'commander';
import { findDivergences } from '../../apply/index.js';
import { EXIT_CODES, OutplanctlError, RefusalError, UsageError } from '../../model/errors.js';
import type { Change, Plan } from '../../plan/index.js';
import { addApiOptions, apiFlagsFrom, positiveInteger, type RawApiOptions } from '../api-flags.js';
import { baseUrlFrom } from '../api-client-from-env.js';
import { runCalls, skippedAll, writeAuditReport, type ApplyRunContext } from '../apply-run.js';
import type { CliIo } from '../io.js';
import { clientFor, livePlanRequest, planAgainstLive } from '../live-plan.js';
import { appendStepSummary, renderPlan } from '../plan-output.js';
import { readUserFile } from '../output-file.js';
import type { CommandContext } from '../program.js';
import {
  addSafetyOptions,
  checkSafetyFlags,
  refusalError,
  safetyRefusals,
  type RawSafetyOptions,
} from '../safety-flags.js';

interface ApplyOptions extends RawApiOptions, RawSafetyOptions {
  plan?: string;
  prune?: boolean;
  yes?: boolean;
  concurrency: string;
  report?: string;
  strict?: boolean;
}

export function registerApplyCommand(program: Command, context: CommandContext): void {
  const command = program
    .command('apply')
    .description('Make the calls that bring the live account to the config (or run a saved plan).')
    .argument('[paths...]', 'config files or directories (default: the current directory)')
    .option(
      '--plan <file>',
      'apply a saved plan from `plan --out`, refusing if the account changed since',
    )
    .option('--prune', 'delete live outplans that no file declares (never without this flag)')
    .option('-y, --yes', 'do not ask for confirmation (required when not on a terminal)')
    .option('--concurrency <n>', 'outplans changed in parallel, within the rate limit', '4')
    .option('--report <file>', 'write a JSON audit record of every call made')
    .option('--strict', 'treat config warnings as errors');
  addSafetyOptions(command);
  addApiOptions(command);
  command.addHelpText(
    'after',
    `
Examples:
  outplanctl apply outplans/                     # plan, show, ask, apply
  outplanctl apply outplans/ --prune --yes       # in CI
  outplanctl apply --plan plan.json --report audit.json   # exactly what was reviewed`,
  );
  command.action(async (paths: string[], options: ApplyOptions) => {
    const concurrency = positiveInteger('--concurrency', options.concurrency);
    checkSafetyFlags(options);
    if (options.plan !== undefined) {
      if (paths.length > 0 || options.prune) {
        throw new UsageError(
          'PLAN_WITH_CONFIG',
          '--plan applies a saved plan as it was reviewed; it takes no config paths and no --prune.',
          { hint: 'Drop the paths, or drop --plan to plan afresh from the config.' },
        );
      }
      context.exitCode = await applySavedPlan(options.plan, options, concurrency, context);
    } else {
      context.exitCode = await applyFresh(paths, options, concurrency, context);
    }
  });
}

async function applyFresh(
  paths: string[],
  options: ApplyOptions,
  concurrency: number,
  context: CommandContext,
): Promise<number> {
  const { io } = context;
  // Decided before any request, so a forgotten --yes in CI costs nothing.
  if (!options.yes && !io.interactive) {
    throw new UsageError(
      'CONFIRMATION_REQUIRED',
      'apply needs --yes when it cannot ask (no terminal).',
      {
        hint: 'Review with `outplanctl plan` first, then run `outplanctl apply --yes`, or apply a saved plan with --plan.',
      },
    );
  }
  const startedAt = io.now().toISOString();
  const session = await planAgainstLive(livePlanRequest(paths, options, context.debug), io);
  const { plan, live, client } = session;
  const run: ApplyRunContext = {
    io,
    apiUrl: session.apiUrl,
    reportPath: options.report,
    source: { kind: 'config', detail: session.loaded.files.join(', ') },
    startedAt,
  };
  try {
    await showPlan(plan, io);
    if (plan.changes.length === 0) {
      io.stderr.write('Nothing to apply.\n');
      await writeAuditReport(run, [], { refusal: null, converged: true });
      return EXIT_CODES.success;
    }
    await refuseIfUnsafe(
      plan,
      options,
      { liveCount: live.length, campaignsKnown: session.campaignsKnown },
      run,
    );
    if (!options.yes && !(await confirm(plan, session.apiUrl, io))) {
      io.stderr.write('Apply cancelled; nothing was changed.\n');
      await writeAuditReport(
        run,
        skippedAll(plan.changes, { code: 'CANCELLED', message: 'cancelled at the prompt' }),
        {
          refusal: { code: 'CANCELLED', message: 'cancelled at the prompt' },
          converged: null,
        },
      );
      return EXIT_CODES.failure;
    }
    const result = await runCalls(plan.changes, client, live, concurrency, io);
    const converged = await checkConverged(async () => {
      const { buildPlan } = await import('../../plan/index.js');
      const after = await client.listOutplans();
      const replan = buildPlan({
        desired: session.loaded.state,
        live: after,
        campaigns: [],
        prune: options.prune === true,
      });
      return replan.plan.changes.map((c) => `${c.action} "${c.name}"`);
    }, io);
    await writeAuditReport(run, result.records, { refusal: null, converged });
    return result.failed > 0 ? EXIT_CODES.failure : EXIT_CODES.success;
  } finally {
    await client.close();
  }
}

async function applySavedPlan(
  file: string,
  options: ApplyOptions,
  concurrency: number,
  context: CommandContext,
): Promise<number> {
  const { io } = context;
  const { parseSavedPlan, compareFingerprint, describeStaleReasons, sanitizeApiUrl } =
    await import('../../plan/index.js');
  const saved = parseSavedPlan(
    await readUserFile(io.cwd, file, '--plan', 'Write one with `outplanctl plan --out FILE`.'),
  );
  const api = apiFlagsFrom(options);
  const apiUrl = sanitizeApiUrl(baseUrlFrom(api, io.env));
  const run: ApplyRunContext = {
    io,
    apiUrl,
    reportPath: options.report,
    source: { kind: 'saved-plan', detail: file },
    startedAt: io.now().toISOString(),
  };
  const refuse = async (error: RefusalError): Promise<never> => {
    await writeAuditReport(run, skippedAll(saved.plan.changes, error), {
      refusal: { code: error.code, message: error.message },
      converged: null,
    });
    throw error;
  };
  if (saved.api_url !== apiUrl) {
    await refuse(
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
    const stale = compareFingerprint(saved, live);
    if (stale.length > 0) {
      await refuse(
        new RefusalError(
          'STALE_PLAN',
          `The live account changed since the plan was made (${saved.created_at}); nothing was applied.\n` +
            describeStaleReasons(stale),
          { hint: 'Run `outplanctl plan --out FILE` again, review it, and apply the new plan.' },
        ),
      );
    }
    const plan = await refreshCampaigns(saved.plan, client, io);
    await showPlan(plan.plan, io);
    if (plan.plan.changes.length === 0) {
      io.stderr.write('The saved plan has no changes; nothing to apply.\n');
      await writeAuditReport(run, [], { refusal: null, converged: true });
      return EXIT_CODES.success;
    }
    await refuseIfUnsafe(
      plan.plan,
      options,
      { liveCount: live.length, campaignsKnown: plan.campaignsKnown },
      run,
    );
    const result = await runCalls(plan.plan.changes, client, live, concurrency, io);
    const converged = await checkConverged(async () => {
      const after = await client.listOutplans();
      return findDivergences(plan.plan.changes, result.records, after).map(
        (d) => `"${d.name}"${d.id ? ` (${d.id})` : ''} ${d.reason}`,
      );
    }, io);
    await writeAuditReport(run, result.records, { refusal: null, converged });
    return result.failed > 0 ? EXIT_CODES.failure : EXIT_CODES.success;
  } finally {
    await client.close();
  }
}

/**
 * Campaigns may have started or stopped since the plan was reviewed; the delete-in-use
 * rule must judge the account as it is now, not as it was.
 */
async function refreshCampaigns(
  plan: Plan,
  client: Awaited<ReturnType<typeof clientFor>>,
  io: CliIo,
): Promise<{ plan: Plan; campaignsKnown: boolean }> {
  if (!plan.changes.some((c) => c.action === 'delete')) return { plan, campaignsKnown: true };
  const { indexCampaigns, campaignsOf } = await import('../../plan/campaign-impact.js');
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

async function showPlan(plan: Plan, io: CliIo): Promise<void> {
  io.stdout.write(await renderPlan(plan, 'text', io));
  if (io.env.GITHUB_ACTIONS === 'true')
    await appendStepSummary(await renderPlan(plan, 'markdown', io), io);
}

async function refuseIfUnsafe(
  plan: Plan,
  options: RawSafetyOptions,
  facts: { liveCount: number; campaignsKnown: boolean },
  run: ApplyRunContext,
): Promise<void> {
  const refusals = safetyRefusals(plan, options, facts);
  if (refusals.length === 0) return;
  const error = refusalError(refusals, 'no call was made.');
  await writeAuditReport(run, skippedAll(plan.changes, error), {
    refusal: { code: error.code, message: error.message },
    converged: null,
  });
  throw error;
}

async function confirm(plan: Plan, apiUrl: string, io: CliIo): Promise<boolean> {
  const calls = plan.changes.reduce((n, c) => n + c.calls.length, 0);
  const answer = await io.prompt(
    `\nMake these ${calls} call${calls === 1 ? '' : 's'} against ${apiUrl}?\n  Only "yes" will be accepted: `,
  );
  return answer.trim() === 'yes';
}

/** Re-lists once and says whether the account now matches; a failed check is a warning. */
async function checkConverged(
  remaining: () => Promise<string[]>,
  io: CliIo,
): Promise<boolean | null> {
  try {
    const left = await remaining();
    if (left.length === 0) {
      io.stderr.write('Verified: the live account now matches.\n');
      return true;
    }
    io.stderr.write(
      `warning: after applying, the live account still differs:\n${left.map((l) => `  - ${l}`).join('\n')}\n` +
        '  Run `outplanctl plan` to see why (a failed call, or someone changed it meanwhile).\n',
    );
    return false;
  } catch (error) {
    io.stderr.write(
      `warning: could not re-list to verify the result (${error instanceof Error ? error.message : String(error)}).\n`,
    );
    return null;
  }
}
