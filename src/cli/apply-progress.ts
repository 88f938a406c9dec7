import type { ApplyEvent, CallRecord } from '../apply/index.js';
import { displayName } from '../model/display.js';
import type { CliIo } from './io.js';

const SYMBOL: Record<CallRecord['outcome'], string> = {
  succeeded: 'ok',
  adopted: 'ok (adopted after a lost response)',
  failed: 'FAILED',
  skipped: 'skipped',
};

/**
 * Progress on stderr: a live counter on a terminal, one line per finished call otherwise
 * (CI logs keep every line, and a counter's carriage returns would garble them).
 */
export function progressReporter(io: CliIo): (event: ApplyEvent) => void {
  const live = io.stderr.isTTY === true;
  return (event) => {
    if (event.type !== 'call-finished') return;
    const { record, done, total } = event;
    const line = describeRecord(record);
    if (live) {
      const clear = '\r\x1b[2K';
      if (record.outcome === 'failed') io.stderr.write(`${clear}${line}\n`);
      io.stderr.write(`${clear}[${done}/${total}] ${record.method} ${record.path}`);
      if (done === total) io.stderr.write('\n');
    } else {
      io.stderr.write(`[${done}/${total}] ${line}\n`);
    }
  };
}

export function describeRecord(record: CallRecord): string {
  const facts = [
    record.status === null ? null : `HTTP ${record.status}`,
    record.retries > 0 ? `${record.retries} retr${record.retries === 1 ? 'y' : 'ies'}` : null,
    `${record.durationMs} ms`,
    record.requestId ? `request ${record.requestId}` : null,
  ].filter((f) => f !== null);
  const head = `${SYMBOL[record.outcome]}: ${record.method} ${record.path} ${displayName(record.name)}`;
  const tail = record.error && record.outcome === 'failed' ? ` — ${record.error.message}` : '';
  return `${head} (${facts.join(', ')})${tail}`;
}
