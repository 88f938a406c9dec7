import { remainingAfterApply } from '../apply/index.js';
import { EXIT_CODES, RefusalError, UsageError } from '../model/errors.js';
import {
  compareLiveFingerprint,
  describeStaleReasons,
  fingerprintLive,
  type Plan,
} from '../plan/index.js';
import {
  checkConverged,
  recheckDelays,
  checkReportPath,
  finishApply,
  refuse,
  runCalls,
  skippedAll,
  writeAuditReport,
  type ApplyRunContext,
} from './apply-run.js';
import { refuseIfUnsafe, showPlan, type ApplyFlags } from './apply-shared.js';
import type { CliIo } from './io.js';
import { livePlanRequest, planAgainstLive, type LivePlan } from './live-plan.js';
import type { CommandContext } from './program.js';
import { safetyFlagsFrom } from './safety-flags.js';

/** `apply [paths]`: plan afresh, show, confirm, call, verify. */
export async function applyFresh(
  paths: string[],
  options: ApplyFlags,
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
  await checkReportPath(io.cwd, options.report);
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
      safetyFlagsFrom(options),
      { liveCount: live.length, campaignsKnown: session.campaignsKnown },
      run,
    );
    if (!options.yes) {
      if (!(await confirm(plan, session.apiUrl, io))) return await cancelled(run, plan);
      await refuseIfMovedWhileAsking(session, run);
    }
    const result = await runCalls(plan.changes, client, live, concurrency, run);
    const converged = await checkConverged(
      async () =>
        remainingAfterApply(
          session.loaded.state,
          await client.listOutplans(),
          options.prune === true,
        ),
      io,
      recheckDelays(result),
    );
    return await finishApply(run, result, converged);
  } finally {
    await client.close();
  }
}

async function confirm(plan: Plan, apiUrl: string, io: CliIo): Promise<boolean> {
  const calls = plan.changes.reduce((n, c) => n + c.calls.length, 0);
  const answer = await io.prompt(
    `\nMake these ${calls} call${calls === 1 ? '' : 's'} against ${apiUrl}?\n  Only "yes" will be accepted: `,
  );
  return answer.trim() === 'yes';
}

async function cancelled(run: ApplyRunContext, plan: Plan): Promise<number> {
  const reason = { code: 'CANCELLED', message: 'cancelled at the confirmation prompt' };
  run.io.stderr.write('Apply cancelled; nothing was changed.\n');
  await writeAuditReport(run, skippedAll(plan.changes, reason), {
    refusal: reason,
    converged: null,
  });
  return EXIT_CODES.failure;
}

/**
 * A person may take minutes to answer, and PUTs replace whole field groups: an edit made
 * meanwhile would be overwritten unseen. Re-list and refuse if anything moved.
 */
async function refuseIfMovedWhileAsking(session: LivePlan, run: ApplyRunContext): Promise<void> {
  const stale = compareLiveFingerprint(
    fingerprintLive(session.live),
    await session.client.listOutplans(),
  );
  if (stale.length === 0) return;
  await refuse(
    run,
    session.plan.changes,
    new RefusalError(
      'STALE_PLAN',
      `The live account changed while the plan waited for confirmation; nothing was applied.\n${describeStaleReasons(stale)}`,
      { hint: 'Run apply again to see the new plan.' },
    ),
  );
}
