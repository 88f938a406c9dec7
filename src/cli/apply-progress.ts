import type { ApplyEvent, CallRecord } from '../apply/index.js';
import { displayName, displayToken } from '../model/display.js';
import type { CliIo } from './io.js';

const SYMBOL: Record<CallRecord['outcome'], string> = {
  succeeded: 'ok',
  adopted: 'ok (adopted after a lost response)',
  failed: 'FAILED',
  skipped: 'skipped',
};

const ACTION: Record<CallRecord['call'], string> = {
  create: 'create',
  update_basic: 'update name/detail of',
  update_dial_info: 'update dial settings of',
  delete: 'delete',
};

/**
 * Progress on stderr, one line per finished call naming the outplan (and the id a create
 * produced). On a terminal a counter line below them shows the calls in flight; in CI
 * logs, which keep every line, there is no counter (its carriage returns would garble them).
 */
export function progressReporter(io: CliIo): (event: ApplyEvent) => void {
  const live = io.stderr.isTTY === true;
  const clear = '\r\x1b[2K';
  return (event) => {
    if (event.type !== 'call-finished') return;
    const { record, done, total } = event;
    const line = `[${done}/${total}] ${describeRecord(record)}`;
    if (!live) {
      io.stderr.write(`${line}\n`);
      return;
    }
    io.stderr.write(`${clear}${line}\n`);
    if (done < total) io.stderr.write(`${clear}[${done}/${total}] calls done…`);
  };
}

/**
 * One call as a line: what happened to which outplan, then the facts support asks for
 * (the request id once). A failure adds its detail on an indented second line, without
 * repeating the call or the request id the first line already names.
 */
export function describeRecord(record: CallRecord): string {
  const facts = [
    `${record.method} ${record.path}`,
    record.status === null ? null : `HTTP ${record.status}`,
    record.retries > 0 ? `${record.retries} retr${record.retries === 1 ? 'y' : 'ies'}` : null,
    record.outcome === 'skipped' ? null : `${record.durationMs} ms`,
    record.requestId ? `request id ${displayToken(record.requestId)}` : null,
  ].filter((f) => f !== null);
  const created =
    record.call === 'create' && record.id !== null && record.outcome !== 'failed'
      ? ` → id ${displayToken(record.id)}`
      : '';
  const head = `${SYMBOL[record.outcome]}: ${ACTION[record.call]} ${displayName(record.name)}${created} (${facts.join(', ')})`;
  if (record.outcome !== 'failed' || !record.error) return head;
  return `${head}\n      ${failureDetail(record)}`;
}

/** The error's message without what the head line already says (the call, the request id). */
function failureDetail(record: CallRecord): string {
  let detail = record.error?.message ?? '';
  if (record.requestId) {
    const id = escapeRegExp(record.requestId);
    detail = detail
      .replace(new RegExp(`\\s*Quote request id ${id} to VoIPBIN support\\.`, 'g'), '')
      .replace(new RegExp(`,\\s*request id ${id}`, 'g'), '')
      .replace(new RegExp(`\\s*\\(request id ${id}\\)`, 'g'), '');
  }
  // "PUT https://…/outplans/ID failed with 500 …": the head line names the call already.
  detail = detail.replace(new RegExp(`^${record.method} \\S+ `), '');
  return detail.trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
