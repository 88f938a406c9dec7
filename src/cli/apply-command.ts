/**
 * `apply`: flags and the process world in, one use case out. Everything the run decides
 * lives in src/app; this file only wires the ports and picks the preparer.
 */
import { applyFromConfig, applySaved, type ApplyDeps } from '../app/index.js';
import { UsageError } from '../model/errors.js';
import { parseSavedPlan, sanitizeApiUrl } from '../plan/index.js';
import { baseUrlFrom } from './api-client-from-env.js';
import { apiFlagsFrom, type RawApiOptions } from './api-flags.js';
import {
  ciContext,
  clientFor,
  configAlongsideListing,
  reportFile,
  systemClock,
} from './app-wiring.js';
import type { CommandContext } from './command-context.js';
import { checkOutputPath, readUserFile } from './output-file.js';
import { safetyFlagsFrom, type RawSafetyOptions } from './safety-flags.js';
import { terminalHost } from './terminal-host.js';
import { packageVersion } from './version.js';

export interface ApplyFlags extends RawSafetyOptions, RawApiOptions {
  plan?: string;
  prune?: boolean;
  yes?: boolean;
  concurrency: string;
  report?: string;
  strict?: boolean;
}

export async function runApply(
  paths: string[],
  options: ApplyFlags,
  concurrency: number,
  context: CommandContext,
): Promise<number> {
  const { io } = context;
  const fresh = options.plan === undefined;
  // Decided before any request, so a forgotten --yes in CI costs nothing.
  if (fresh && !options.yes && !io.interactive) {
    throw new UsageError(
      'CONFIRMATION_REQUIRED',
      'apply needs --yes when it cannot ask (no terminal).',
      {
        hint: 'Review with `outplanctl plan` first, then run `outplanctl apply --yes`, or apply a saved plan with --plan.',
      },
    );
  }
  const saved =
    options.plan === undefined
      ? null
      : parseSavedPlan(
          await readUserFile(
            io.cwd,
            options.plan,
            '--plan',
            'Write one with `outplanctl plan --out FILE`.',
          ),
        );
  // Found out before the first request: learning it after the calls would lose the
  // record of a run that really happened.
  if (options.report !== undefined)
    await checkOutputPath(io.cwd, options.report, '--report', '; nothing was applied');
  const api = apiFlagsFrom(options);
  const apiUrl = sanitizeApiUrl(baseUrlFrom(api, io.env));
  const host = terminalHost(io);
  const audit = { toolVersion: `outplanctl ${packageVersion()}`, ci: ciContext(io.env) };
  const safety = safetyFlagsFrom(options);
  // Creating the client makes no request: a saved plan for another API is still refused
  // before the first one.
  const client = clientFor(api, io, context.debug, host);
  const deps: ApplyDeps = {
    api: client,
    clock: systemClock(io),
    host,
    audit: reportFile(io, options.report),
    interrupts: io.onInterrupt,
  };
  try {
    const outcome =
      saved === null
        ? await applyFromConfig(
            {
              paths,
              prune: options.prune === true,
              strict: options.strict === true,
              apiUrl,
              safety,
              confirm: !options.yes,
              concurrency,
              audit,
            },
            { ...deps, config: configAlongsideListing(io) },
          )
        : await applySaved(
            { saved, file: options.plan!, apiUrl, safety, concurrency, audit },
            deps,
          );
    return outcome.exitCode;
  } finally {
    await client.close();
  }
}
