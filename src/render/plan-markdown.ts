/**
 * `plan --format markdown`, for pull-request comments: the hidden marker first (so a CI job
 * finds and edits its one comment), the summary, what needs attention (deletes first), the
 * warnings (config and plan), a table, then one collapsible section per outplan. Output never exceeds `maxChars`: whole
 * parts are dropped from the end and a note says so, so no fence or <details> is cut open.
 */
import { formatPosition } from '../model/diagnostic.js';
import { OUTPLAN_FIELDS, type FieldName } from '../model/outplan.js';
import {
  formatCallRoute,
  type Change,
  type Plan,
  type PlanWarning,
  type UnmanagedOutplan,
} from '../plan/index.js';
import { detailDiff } from './detail-diff.js';
import { fenced, mdCode, mdText } from './markdown-text.js';
import { planSummaryLine } from './plan-summary-line.js';
import { formatFieldValue, isMultiline, pluralOutplans } from './plan-values.js';

/** The first line of every Markdown plan; CI searches comments for it. Never change it. */
export const PLAN_MARKDOWN_MARKER = '<!-- outplanctl:plan -->';
/** Below GitHub's 65 536-character comment limit, leaving room for a CI job's own footer. */
export const DEFAULT_MARKDOWN_MAX_CHARS = 65_000;

export interface PlanMarkdownOptions {
  readonly maxChars?: number;
  readonly title?: string;
}

const ICON = { create: '➕', update: '✏️', delete: '🗑️' } as const;

export function renderPlanMarkdown(plan: Plan, options: PlanMarkdownOptions = {}): string {
  const maxChars = options.maxChars ?? DEFAULT_MARKDOWN_MAX_CHARS;
  const head = `${PLAN_MARKDOWN_MARKER}\n### ${mdText(options.title ?? 'outplanctl plan')}\n\n**${planSummaryLine(plan)}**`;
  const budget = new Budget(head, maxChars);

  const attention = attentionItems(plan);
  if (attention.length > 0) {
    const deletes = plan.changes.filter((c) => c.action === 'delete').length;
    const lead =
      deletes > 0
        ? `⚠️ **This plan deletes ${pluralOutplans(deletes)}.**`
        : '⚠️ **Needs attention:**';
    budget.addAll(
      `\n\n${lead}\n`,
      attention.map((item) => `\n- ${item}`),
      'attention',
    );
  }
  if (plan.warnings.length > 0) {
    budget.addAll(
      '\n\n#### Warnings\n',
      plan.warnings.map((w) => `\n- ${warningItem(w)}`),
      'warning',
    );
  }
  if (plan.changes.length > 0) {
    budget.addAll(
      '\n\n| Action | Outplan | Id | Calls | Fields | Campaigns |\n| --- | --- | --- | --- | --- | --- |',
      plan.changes.map((change) => `\n${tableRow(change)}`),
      'row',
    );
    budget.addAll(
      '',
      plan.changes.map((change) => `\n\n${details(change)}`),
      'details',
    );
  }
  if (plan.unmanaged.length > 0) {
    budget.addAll('', [`\n\n${unmanagedSection(plan.unmanaged)}`], 'unmanaged');
  }
  return budget.finish(plan.changes.length);
}

function attentionItems(plan: Plan): string[] {
  const items: string[] = [];
  for (const change of plan.changes) {
    const warnings = change.notes
      .filter((n) => n.severity === 'warning')
      .map((n) => mdText(n.message));
    if (change.action === 'delete') {
      items.push(
        [`⚠️ **delete** ${mdCode(change.name)} (${mdCode(change.id)})`, ...warnings].join(' — '),
      );
    } else if (warnings.length > 0) {
      items.push(`⚠️ **${change.action}** ${mdCode(change.name)} — ${warnings.join(' — ')}`);
    }
  }
  return items;
}

/** One warning: the message, where (when it has a place), the code, and the next step. */
function warningItem(w: PlanWarning): string {
  const at = w.at ? ` (${mdCode(formatPosition(w.at))})` : '';
  const hint = w.hint ? ` — ${mdText(w.hint)}` : '';
  return `⚠️ ${mdText(w.message)}${at} ${mdCode(w.code)}${hint}`;
}

function tableRow(change: Change): string {
  const cells = [
    `${ICON[change.action]} ${change.action}`,
    mdCode(change.name),
    change.id ? mdCode(change.id) : '—',
    change.calls.map((c) => mdCode(formatCallRoute(c, change.id))).join('<br>'),
    change.action === 'update'
      ? change.changed.join(', ')
      : change.action === 'create'
        ? 'all'
        : '',
    change.campaigns.map((c) => `${mdText(c.name)} (${mdText(c.status)})`).join('<br>'),
  ];
  return `| ${cells.join(' | ')} |`;
}

function details(change: Change): string {
  const summary = `${ICON[change.action]} ${change.action} ${mdCode(change.name)}`;
  const body: string[] = [];
  const ids = change.id ? ` on ${mdCode(change.id)}` : '';
  body.push(
    `**Calls${ids}:** ${change.calls.map((c) => mdCode(formatCallRoute(c, change.id))).join(', ')}`,
  );
  if (change.action !== 'delete') body.push(`Declared at ${mdCode(formatPosition(change.at))}.`);
  body.push(fieldTable(change));
  const detail = detailBlock(change);
  if (detail) body.push(detail);
  if (change.campaigns.length > 0) {
    const list = change.campaigns.map(
      (c) => `${mdText(c.name)} (${mdText(c.status)}, ${mdCode(c.id)})`,
    );
    body.push(`**Campaigns:** ${list.join(', ')}`);
  }
  for (const note of change.notes) {
    body.push(`${note.severity === 'warning' ? '⚠️' : 'ℹ️'} ${mdText(note.message)}`);
  }
  return `<details>\n<summary>${summary}</summary>\n\n${body.join('\n\n')}\n\n</details>`;
}

function fieldTable(change: Change): string {
  if (change.action === 'update') {
    const rows = change.changed.map(
      (f) => `| ${f} | ${cell(f, change.before)} | ${cell(f, change.after)} |`,
    );
    return ['| Field | Before | After |', '| --- | --- | --- |', ...rows].join('\n');
  }
  const fields = change.action === 'create' ? change.after : change.before;
  const names: readonly FieldName[] = OUTPLAN_FIELDS;
  const heading = change.action === 'create' ? 'Value' : 'Value (deleted)';
  const rows = names.map((f) => `| ${f} | ${cell(f, fields)} |`);
  return [`| Field | ${heading} |`, '| --- | --- |', ...rows].join('\n');
}

function cell(field: FieldName, fields: Parameters<typeof formatFieldValue>[1]): string {
  if (field === 'detail' && isMultiline(fields.detail)) return '*(multi-line, below)*';
  return mdCode(formatFieldValue(field, fields));
}

function detailBlock(change: Change): string | null {
  if (change.action === 'update' && change.changed.includes('detail')) {
    const { before, after } = change;
    if (!isMultiline(before.detail) && !isMultiline(after.detail)) return null;
    const lines = detailDiff(before.detail, after.detail).map((l) => `${l.sign}${l.text}`);
    return `**detail:**\n\n${fenced('diff', lines.join('\n'))}`;
  }
  const fields =
    change.action === 'create' ? change.after : change.action === 'delete' ? change.before : null;
  if (fields && isMultiline(fields.detail))
    return `**detail:**\n\n${fenced('text', fields.detail)}`;
  return null;
}

function unmanagedSection(unmanaged: readonly UnmanagedOutplan[]): string {
  const items = unmanaged.map((u) => {
    const why =
      u.reason === 'ambiguous'
        ? 'ambiguous identity; never deleted until resolved'
        : u.reason === 'duplicate'
          ? `identical duplicate of ${mdCode(u.original ?? '')}; <code>outplanctl apply --prune</code> deletes it`
          : u.exclusion
            ? `protected by prune exclusion ${mdCode(u.exclusion.pattern)} (${mdCode(formatPosition(u.exclusion.at))})`
            : 'not declared; <code>--prune</code> would delete it';
    return `- ${mdCode(u.name)} (${mdCode(u.id)}): ${why}`;
  });
  return `<details>\n<summary>Unmanaged outplans (${unmanaged.length}): live, not in the configuration, left alone</summary>\n\n${items.join('\n')}\n\n</details>`;
}

type PartKind = 'attention' | 'warning' | 'row' | 'details' | 'unmanaged';

/**
 * Appends whole parts while they fit, keeping room for the truncation note; after the first
 * part that does not fit, nothing more is added (so the output stays in order).
 */
class Budget {
  private readonly parts: string[];
  private length: number;
  private truncated = false;
  private readonly counts: Record<PartKind, number> = {
    attention: 0,
    warning: 0,
    row: 0,
    details: 0,
    unmanaged: 0,
  };
  private static readonly NOTE_ROOM = 400;

  constructor(
    head: string,
    private readonly maxChars: number,
  ) {
    this.parts = [head];
    this.length = head.length;
  }

  /** A lead (a heading, a table header) followed by items; the lead only if an item fits. */
  addAll(lead: string, items: readonly string[], kind: PartKind): void {
    if (this.truncated || items.length === 0) return;
    if (!this.fits(lead + items[0]!)) {
      this.truncated = true;
      return;
    }
    this.push(lead);
    for (const item of items) {
      if (!this.fits(item)) {
        this.truncated = true;
        return;
      }
      this.push(item);
      this.counts[kind]++;
    }
  }

  private fits(text: string): boolean {
    // +1 for the final newline.
    return this.length + text.length + 1 <= this.maxChars - Budget.NOTE_ROOM;
  }

  private push(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }

  finish(changes: number): string {
    if (this.truncated) {
      const note =
        `\n\n> ✂️ **Truncated to fit GitHub's comment limit:** the table lists ${this.counts.row} ` +
        `of ${changes} changes and ${this.counts.details} have details. Run ` +
        '<code>outplanctl plan</code> (or <code>--format json</code>) for the full plan.';
      this.parts.push(note);
    }
    return `${this.parts.join('')}\n`;
  }
}
