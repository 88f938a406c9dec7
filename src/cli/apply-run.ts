import { rm, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { VoipbinClient } from '../api/client.js';
import {
  buildAuditReport,
  executePlan,
  plannedCalls,
  skippedRecord,
  type ApplyResult,
  type CallRecord,
  type CiContext,
} from '../apply/index.js';
import { EXIT_CODES, UsageError, type RefusalError, messageOf } from '../model/errors.js';
import type { LiveOutplan } from '../model/outplan.js';
import type { Change } from '../plan/index.js';
import { describeRecord, progressReporter } from './apply-progress.js';
import type { CliIo } from './io.js';
import { packageVersion } from './version.js';

/** One apply run as the audit record sees it. */
export interface ApplyRunContext {
  readonly io: CliIo;
  readonly apiUrl: string;
  readonly reportPath: string | undefined;
  readonly source: { kind: 'config' | 'saved-plan'; detail: string };
  readonly startedAt: string;
}

/**
 * A --report path that cannot be written is found out before the first request: learning
 * it after the calls would lose the record of a run that really happened.
 */
export async function checkReportPath(cwd: string, path: string | undefined): Promise<void> {
  if (path === undefined) return;
  const full = resolve(cwd, path);
  const existed = await stat(full).then(
    () => true,
    () => false,
  );
  try {
    await writeFile(full, '', { flag: 'a' });
    if (!existed) await rm(full);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new UsageError(
      'OUTPUT_UNWRITABLE',
      `Cannot write --report ${path} (${code}); nothing was applied.`,
      {
        hint:
          code === 'ENOENT'
            ? 'Create the directory first, or choose a path in an existing directory.'
            : 'Check the path and its permissions.',
      },
    );
  }
}

/**
 * Runs the calls with progress on stderr. The first Ctrl-C (or SIGTERM from CI) lets the
 * calls in flight finish and starts no new ones, so the summary and the audit record still
 * say exactly what happened; a second one stops the process at once.
 */
export async function runCalls(
  changes: readonly Change[],
  client: VoipbinClient,
  live: readonly LiveOutplan[],
  concurrency: number,
  run: ApplyRunContext,
): Promise<ApplyResult> {
  const { io } = run;
  const calls = plannedCalls(changes).length;
  io.stderr.write(
    `Applying ${calls} call${calls === 1 ? '' : 's'} (concurrency ${concurrency})…\n`,
  );
  const controller = new AbortController();
  const stopListening = io.onInterrupt((signal) => {
    io.stderr.write(
      `\n${signal}: finishing the calls in flight, starting no new ones (again to abort now)…\n`,
    );
    controller.abort();
  });
  try {
    const result = await executePlan(changes, {
      client,
      concurrency,
      knownIds: new Set(live.map((l) => l.id)),
      onEvent: progressReporter(io),
      now: io.now,
      signal: controller.signal,
    });
    writeOutcomeSummary(result, run);
    return result;
  } finally {
    stopListening();
  }
}

function writeOutcomeSummary(result: ApplyResult, run: ApplyRunContext): void {
  const { io } = run;
  const { records } = result;
  const failed = records.filter((r) => r.outcome === 'failed');
  const skipped = records.filter((r) => r.outcome === 'skipped');
  const done = records.length - failed.length - skipped.length;
  io.stderr.write(
    `\nApply: ${done} call${done === 1 ? '' : 's'} succeeded, ${failed.length} failed` +
      `${skipped.length > 0 ? `, ${skipped.length} not started` : ''}.\n`,
  );
  if (failed.length === 0 && skipped.length === 0) return;
  const section = (title: string, list: readonly CallRecord[]) => {
    if (list.length === 0) return;
    io.stderr.write(`${title}:\n`);
    for (const r of list) io.stderr.write(`  ${describeRecord(r)}\n`);
  };
  section(
    'Succeeded',
    records.filter((r) => r.outcome === 'succeeded' || r.outcome === 'adopted'),
  );
  section('Failed', failed);
  section('Not started (interrupted)', skipped);
  io.stderr.write(
    run.source.kind === 'config'
      ? 'Run apply again to finish: it plans afresh, and a create that may have landed is looked up before it is repeated.\n'
      : 'The saved plan cannot be applied again (the account has moved): run `outplanctl plan --out FILE`, review and apply the new plan.\n',
  );
}

export function skippedAll(
  changes: readonly Change[],
  reason: { code: string; message: string },
): CallRecord[] {
  return plannedCalls(changes).map((planned) => skippedRecord(planned, reason));
}

/** Records a refusal (every call skipped) and throws it: exit 4, nothing called. */
export async function refuse(
  run: ApplyRunContext,
  changes: readonly Change[],
  error: RefusalError,
): Promise<never> {
  await writeAuditReport(run, skippedAll(changes, error), {
    refusal: { code: error.code, message: error.message },
    converged: null,
  });
  throw error;
}

/** Writes the report (if asked) and turns the run's outcome into the exit code. */
export async function finishApply(
  run: ApplyRunContext,
  result: ApplyResult,
  converged: boolean | null,
): Promise<number> {
  await writeAuditReport(run, result.records, {
    refusal: result.interrupted
      ? { code: 'INTERRUPTED', message: 'interrupted by a signal' }
      : null,
    converged,
  });
  return result.failed > 0 || result.interrupted ? EXIT_CODES.failure : EXIT_CODES.success;
}

/**
 * Reads may lag a write for a few seconds (VoIPBIN's cache), so an account that does not
 * match at once is listed again after a pause before anything is said to differ.
 */
const CONVERGENCE_RECHECK_DELAYS_MS = [1_000, 2_000, 4_000];

/** When a call failed or never ran, a difference is expected: say so at once. */
export function recheckDelays(result: ApplyResult): readonly number[] {
  return result.failed > 0 || result.interrupted ? [] : CONVERGENCE_RECHECK_DELAYS_MS;
}

/** Re-lists and says whether the account now matches; a failed check is a warning. */
export async function checkConverged(
  remaining: () => Promise<string[]>,
  io: CliIo,
  recheckDelaysMs: readonly number[] = CONVERGENCE_RECHECK_DELAYS_MS,
): Promise<boolean | null> {
  try {
    let left = await remaining();
    for (const delay of recheckDelaysMs) {
      if (left.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, delay));
      left = await remaining();
    }
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
    io.stderr.write(`warning: could not re-list to verify the result (${messageOf(error)}).\n`);
    return null;
  }
}

/**
 * `--report FILE`: the audit record of the run, written whatever the outcome. Failing to
 * write it (the path was checked up front) is a warning: the calls' outcome decides the
 * exit code.
 */
export async function writeAuditReport(
  run: ApplyRunContext,
  records: readonly CallRecord[],
  outcome: { refusal: { code: string; message: string } | null; converged: boolean | null },
): Promise<void> {
  if (run.reportPath === undefined) return;
  const report = buildAuditReport({
    toolVersion: `outplanctl ${packageVersion()}`,
    startedAt: run.startedAt,
    finishedAt: run.io.now().toISOString(),
    apiUrl: run.apiUrl,
    ci: ciContext(run.io.env),
    source: run.source,
    records,
    refusal: outcome.refusal,
    converged: outcome.converged,
  });
  try {
    await writeFile(resolve(run.io.cwd, run.reportPath), `${JSON.stringify(report, null, 2)}\n`);
    run.io.stderr.write(`Audit record written to ${run.reportPath}.\n`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    run.io.stderr.write(`warning: could not write the audit record ${run.reportPath} (${code}).\n`);
  }
}

function ciContext(env: CliIo['env']): CiContext | null {
  if (env.GITHUB_ACTIONS !== 'true' && !env.GITHUB_REPOSITORY) return null;
  return {
    repository: env.GITHUB_REPOSITORY ?? null,
    sha: env.GITHUB_SHA ?? null,
    actor: env.GITHUB_ACTOR ?? null,
    run_id: env.GITHUB_RUN_ID ?? null,
  };
}
