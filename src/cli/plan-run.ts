import { openPlanSession, safetyRefusal, savedPlanOf } from '../app/index.js';
import { EXIT_CODES } from '../model/errors.js';
import { sanitizeApiUrl, serializeSavedPlan } from '../plan/index.js';
import { baseUrlFrom } from './api-client-from-env.js';
import { apiFlagsFrom, type RawApiOptions } from './api-flags.js';
import { clientFor, configAlongsideListing } from './app-wiring.js';
import type { CommandContext } from './command-context.js';
import { checkOutputPath, writeUserFile } from './output-file.js';
import { appendStepSummary, parsePlanFormat, renderPlan } from './plan-output.js';
import { checkSafetyFlags, safetyFlagsFrom, type RawSafetyOptions } from './safety-flags.js';
import { terminalHost } from './terminal-host.js';
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
  // A plan that cannot be saved is found out before the listing, not after.
  if (options.out !== undefined) await checkOutputPath(io.cwd, options.out, '--out');
  const api = apiFlagsFrom(options);
  const apiUrl = sanitizeApiUrl(baseUrlFrom(api, io.env));
  const host = terminalHost(io);
  const client = clientFor(api, io, context.debug, host);
  try {
    const session = await openPlanSession(
      { paths, prune: options.prune === true, strict: options.strict === true, apiUrl },
      { api: client, config: configAlongsideListing(io), host },
    );
    const { plan, live } = session;
    io.stdout.write(await renderPlan(plan, format, io));
    if (io.env.GITHUB_ACTIONS === 'true') {
      await appendStepSummary(await renderPlan(plan, 'markdown', io), io);
    }
    const safety = safetyFlagsFrom(options);
    const refusal = safetyRefusal(
      plan,
      safety,
      { liveCount: live.length, campaignsKnown: session.campaignsKnown },
      `apply would make no call.${options.out === undefined ? '' : ' No saved plan was written.'}`,
    );
    if (refusal) throw refusal;
    if (options.out !== undefined) {
      const saved = savedPlanOf(session, safety, {
        toolVersion: `outplanctl ${packageVersion()}`,
        createdAt: io.now(),
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
    await client.close();
  }
}
