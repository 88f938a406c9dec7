import { EXIT_CODES } from '../model/errors.js';
import type { RawApiOptions } from './api-flags.js';
import { livePlanRequest, planAgainstLive } from './live-plan.js';
import { appendStepSummary, parsePlanFormat, renderPlan } from './plan-output.js';
import { writeUserFile } from './output-file.js';
import type { CommandContext } from './program.js';
import {
  checkSafetyFlags,
  refusalError,
  safetyFlagsFrom,
  safetyRefusals,
  type RawSafetyOptions,
} from './safety-flags.js';
import { packageVersion } from './version.js';

export interface PlanOptions extends RawApiOptions, RawSafetyOptions {
  prune?: boolean;
  format: string;
  out?: string;
  detailedExitcode?: boolean;
  strict?: boolean;
}

/** `outplanctl plan`: render the plan, refuse what apply would refuse, save it if asked. */
export async function runPlan(
  paths: string[],
  options: PlanOptions,
  context: CommandContext,
): Promise<number> {
  const { io } = context;
  const format = parsePlanFormat(options.format);
  checkSafetyFlags(options);
  const session = await planAgainstLive(livePlanRequest(paths, options, context.debug), io);
  try {
    const { plan, live } = session;
    io.stdout.write(await renderPlan(plan, format, io));
    if (io.env.GITHUB_ACTIONS === 'true') {
      await appendStepSummary(await renderPlan(plan, 'markdown', io), io);
    }
    const safety = safetyFlagsFrom(options);
    const refusals = safetyRefusals(plan, safety, {
      liveCount: live.length,
      campaignsKnown: session.campaignsKnown,
    });
    if (refusals.length > 0) {
      throw refusalError(refusals, 'apply would make no call. No saved plan was written.');
    }
    if (options.out !== undefined) {
      const { createSavedPlan, savedPlanSafety, serializeSavedPlan } =
        await import('../plan/index.js');
      const saved = createSavedPlan({
        plan,
        apiUrl: session.apiUrl,
        configDigest: session.loaded.digest,
        live,
        prune: options.prune === true,
        safety: savedPlanSafety(safety),
        toolVersion: `outplanctl ${packageVersion()}`,
        createdAt: io.now().toISOString(),
      });
      await writeUserFile(io.cwd, options.out, serializeSavedPlan(saved), '--out');
      io.stderr.write(
        `Saved plan written to ${options.out}. Apply it with: outplanctl apply --plan ${options.out}\n`,
      );
    }
    return options.detailedExitcode && plan.changes.length > 0
      ? EXIT_CODES.changes
      : EXIT_CODES.success;
  } finally {
    await session.client.close();
  }
}
