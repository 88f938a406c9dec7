import type { ApplyResult, CallRecord } from '../apply/index.js';
import type { ApplySourceKind } from '../app/index.js';
import { describeRecord } from './apply-progress.js';
import type { CliIo } from './io.js';

/** After the calls: counts, and on a partial failure what succeeded and what did not. */
export function writeOutcomeSummary(result: ApplyResult, source: ApplySourceKind, io: CliIo): void {
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
    source === 'config'
      ? 'Run apply again to finish: it plans afresh, and a create that may have landed is looked up before it is repeated.\n'
      : 'The saved plan cannot be applied again (the account has moved): run `outplanctl plan --out FILE`, review and apply the new plan.\n',
  );
}
