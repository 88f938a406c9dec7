/**
 * The default plan output: one block per change (deletes and their risk first, as the plan
 * orders them), only what changes, the exact calls, then unmanaged outplans, the summary
 * line, and the warnings (config and plan) after it. Pure: returns the text; the CLI decides on colour.
 */
import { formatPosition } from '../model/diagnostic.js';
import { displayLine, displayName, displayToken, escapeControls } from '../model/display.js';
import type { FieldName } from '../model/outplan.js';
import {
  formatCallRoute,
  type Change,
  type Plan,
  type PlanNote,
  type PlanWarning,
  type UnmanagedOutplan,
} from '../plan/index.js';
import { styleFor, type Style } from './ansi.js';
import { detailDiff } from './detail-diff.js';
import { planSummaryLine } from './plan-summary-line.js';
import { formatFieldValue, isMultiline, shownFields } from './plan-values.js';

export interface PlanTextOptions {
  readonly colour: boolean;
  /** Unmanaged outplans listed one per line up to this many (default 50), then a count. */
  readonly maxUnmanaged?: number;
}

const INDENT = '    ';

export function renderPlanText(plan: Plan, options: PlanTextOptions): string {
  const style = styleFor(options.colour);
  const blocks = plan.changes.map((change) => changeBlock(change, style));
  if (plan.unmanaged.length > 0) {
    blocks.push(unmanagedBlock(plan.unmanaged, options.maxUnmanaged ?? 50));
  }
  blocks.push(style.bold(planSummaryLine(plan)));
  // After the summary, where the eye lands last: what a reviewer should know before applying.
  if (plan.warnings.length > 0) {
    blocks.push(['Warnings:', ...plan.warnings.flatMap((w) => warningLines(w, style))].join('\n'));
  }
  return `${blocks.join('\n\n')}\n`;
}

function warningLines(w: PlanWarning, style: Style): string[] {
  const at = w.at ? ` (${formatPosition(w.at)})` : '';
  const lines = [`  ${style.yellow('!')} ${escapeControls(w.message)}${at}`];
  if (w.hint) lines.push(`    ${style.dim('hint:')} ${escapeControls(w.hint)}`);
  return lines;
}

function changeBlock(change: Change, style: Style): string {
  const lines = [header(change, style)];
  // One call per line: two calls are two requests, and either can fail on its own.
  change.calls.forEach((call, i) => {
    lines.push(`${INDENT}${i === 0 ? 'calls: ' : '       '}${formatCallRoute(call, change.id)}`);
  });
  lines.push(...fieldLines(change, style));
  if (change.campaigns.length > 0) {
    const list = change.campaigns
      .map((c) => `${displayName(c.name)} (${displayToken(c.status)}, ${displayToken(c.id)})`)
      .join(', ');
    lines.push(`${INDENT}campaigns: ${list}`);
  }
  lines.push(...change.notes.map((note) => noteLine(note, style)));
  return lines.join('\n');
}

function header(change: Change, style: Style): string {
  switch (change.action) {
    case 'create':
      return style.green(`+ create ${displayName(change.name)}`);
    case 'update':
      return style.yellow(`~ update ${displayName(change.name)} (${displayToken(change.id)})`);
    case 'delete':
      return style.red(`- delete ${displayName(change.name)} (${displayToken(change.id)})`);
    default: {
      const never: never = change;
      return never;
    }
  }
}

function fieldLines(change: Change, style: Style): string[] {
  const fields = shownFields(change);
  if (fields.length === 0) return [];
  const width = Math.max(...fields.map((f) => f.length)) + 1;
  return fields.flatMap((field) => {
    const label = `${INDENT}${`${field}:`.padEnd(width)} `;
    if (change.action === 'create') return createLines(label, field, change, style);
    if (change.action === 'update') return updateLines(label, field, change, style);
    return [];
  });
}

function createLines(
  label: string,
  field: FieldName,
  change: Extract<Change, { action: 'create' }>,
  style: Style,
): string[] {
  if (field === 'detail' && isMultiline(change.after.detail)) {
    return [
      label.trimEnd(),
      ...change.after.detail
        .split('\n')
        .map((line) => `${INDENT}  ${style.green(`+ ${displayLine(line)}`)}`),
    ];
  }
  return [`${label}${formatFieldValue(field, change.after)}`];
}

function updateLines(
  label: string,
  field: FieldName,
  change: Extract<Change, { action: 'update' }>,
  style: Style,
): string[] {
  const { before, after } = change;
  if (field === 'detail' && (isMultiline(before.detail) || isMultiline(after.detail))) {
    return [
      label.trimEnd(),
      ...detailDiff(before.detail, after.detail).map(({ sign, text }) => {
        const line = `${sign} ${displayLine(text)}`.trimEnd();
        const coloured = sign === '+' ? style.green(line) : sign === '-' ? style.red(line) : line;
        return `${INDENT}  ${coloured}`;
      }),
    ];
  }
  const from = formatFieldValue(field, before);
  const to = formatFieldValue(field, after);
  return [`${label}${style.red(from)} → ${style.green(to)}`];
}

function noteLine(note: PlanNote, style: Style): string {
  const mark = note.severity === 'warning' ? style.yellow('!') : style.dim('i');
  return `${INDENT}${mark} ${escapeControls(note.message)}`;
}

function unmanagedBlock(unmanaged: readonly UnmanagedOutplan[], max: number): string {
  const lines = ['Unmanaged (live, not in the configuration; left alone):'];
  for (const u of unmanaged.slice(0, max)) {
    lines.push(`  ${displayName(u.name)} (${displayToken(u.id)}): ${unmanagedReason(u)}`);
  }
  if (unmanaged.length > max) {
    lines.push(`  ... and ${unmanaged.length - max} more (--format json lists all).`);
  }
  return lines.join('\n');
}

function unmanagedReason(u: UnmanagedOutplan): string {
  const exclusion = u.exclusion
    ? `protected by prune exclusion ${displayName(u.exclusion.pattern)} (${formatPosition(u.exclusion.at)})`
    : null;
  switch (u.reason) {
    case 'excluded':
      return exclusion!;
    case 'not-declared':
      return exclusion ?? 'not declared; --prune would delete it';
    case 'ambiguous':
      return 'ambiguous identity (see the reported problem); never deleted until it is resolved';
    case 'duplicate':
      return `identical duplicate of ${displayToken(u.original ?? '')}; \`outplanctl apply --prune\` deletes it`;
    default: {
      const never: never = u.reason;
      return never;
    }
  }
}
