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
import type { LiveOutplan } from '../model/outplan.js';
import type { Change } from '../plan/index.js';
import { describeRecord, progressReporter } from './apply-progress.js';
import type { CliIo } from './io.js';
import { writeUserFile } from './output-file.js';
import { packageVersion } from './version.js';

export interface ApplyRunContext {
  readonly io: CliIo;
  readonly apiUrl: string;
  readonly reportPath: string | undefined;
  readonly source: { kind: 'config' | 'saved-plan'; detail: string };
  readonly startedAt: string;
}

/** Runs the calls, then prints a per-outplan summary. */
export async function runCalls(
  changes: readonly Change[],
  client: VoipbinClient,
  live: readonly LiveOutplan[],
  concurrency: number,
  io: CliIo,
): Promise<ApplyResult> {
  const calls = plannedCalls(changes).length;
  io.stderr.write(
    `Applying ${calls} call${calls === 1 ? '' : 's'} (concurrency ${concurrency})…\n`,
  );
  const result = await executePlan(changes, {
    client,
    concurrency,
    knownIds: new Set(live.map((l) => l.id)),
    onEvent: progressReporter(io),
    now: io.now,
  });
  writeOutcomeSummary(result.records, io);
  return result;
}

function writeOutcomeSummary(records: readonly CallRecord[], io: CliIo): void {
  const failed = records.filter((r) => r.outcome === 'failed');
  const done = records.length - failed.length;
  io.stderr.write(
    `\nApply: ${done} call${done === 1 ? '' : 's'} succeeded, ${failed.length} failed.\n`,
  );
  if (failed.length > 0) {
    io.stderr.write('Succeeded:\n');
    for (const r of records.filter((r) => r.outcome !== 'failed'))
      io.stderr.write(`  ${describeRecord(r)}\n`);
    io.stderr.write('Failed (run apply again to retry them; creates never duplicate):\n');
    for (const r of failed) io.stderr.write(`  ${describeRecord(r)}\n`);
  }
}

export function skippedAll(
  changes: readonly Change[],
  reason: { code: string; message: string },
): CallRecord[] {
  return plannedCalls(changes).map((planned) => skippedRecord(planned, reason));
}

/** `--report FILE`: the audit record of the run, written whatever the outcome. */
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
  await writeUserFile(
    run.io.cwd,
    run.reportPath,
    `${JSON.stringify(report, null, 2)}\n`,
    '--report',
  );
  run.io.stderr.write(`Audit record written to ${run.reportPath}.\n`);
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
