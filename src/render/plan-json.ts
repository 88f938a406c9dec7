/**
 * `plan --format json`: the versioned, documented machine format (docs/plan-json.md).
 * Keys are snake_case; bump PLAN_JSON_FORMAT_VERSION on any incompatible change.
 */
import { escapeJsonText } from '../model/display.js';
import { formatDuration } from '../model/duration.js';
import type { Position } from '../model/diagnostic.js';
import { OUTPLAN_FIELDS, type FieldName, type OutplanFields } from '../model/outplan.js';
import { summarizePlan, type Change, type Plan, type UnmanagedOutplan } from '../plan/index.js';
import { isDurationField, shownFields } from './plan-values.js';

export const PLAN_JSON_FORMAT_VERSION = 1;

type FieldValues = Partial<Record<FieldName, OutplanFields[FieldName]>>;

export function renderPlanJson(plan: Plan): string {
  const document = {
    format_version: PLAN_JSON_FORMAT_VERSION,
    summary: summarizePlan(plan),
    changes: plan.changes.map(changeJson),
    unmanaged: plan.unmanaged.map(unmanagedJson),
    warnings: plan.warnings.map((w) => ({
      code: w.code,
      message: w.message,
      at: positionJson(w.at),
      hint: w.hint ?? null,
    })),
  };
  // JSON.stringify escapes C0 controls; DEL, C1 and bidi controls it leaves raw would still
  // act on a terminal that shows the output, so they are escaped too (same parsed value).
  return `${escapeJsonText(JSON.stringify(document, null, 2))}\n`;
}

function changeJson(change: Change) {
  const fields = change.action === 'delete' ? OUTPLAN_FIELDS : shownFields(change);
  const before = change.action === 'create' ? null : pick(change.before, fields);
  const after = change.action === 'delete' ? null : pick(change.after, fields);
  return {
    action: change.action,
    name: change.name,
    id: change.id,
    calls: change.calls,
    changed_fields: change.action === 'update' ? change.changed : [],
    before,
    after,
    before_human: before && human(before),
    after_human: after && human(after),
    campaigns: change.campaigns.map((c) => ({ id: c.id, name: c.name, status: c.status })),
    notes: change.notes.map((n) => ({ code: n.code, severity: n.severity, message: n.message })),
    declared_at: change.action === 'delete' ? null : positionJson(change.at),
    duplicate_of: change.action === 'delete' ? (change.original ?? null) : null,
  };
}

function pick(fields: OutplanFields, names: readonly FieldName[]): FieldValues {
  const out: FieldValues = {};
  for (const name of names) out[name] = fields[name];
  return out;
}

/** The duration fields among `values`, in the canonical human form ("1h30m"). */
function human(values: FieldValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (isDurationField(name as FieldName)) out[name] = formatDuration(value as number);
  }
  return out;
}

function unmanagedJson(u: UnmanagedOutplan) {
  return {
    id: u.id,
    name: u.name,
    reason: u.reason,
    duplicate_of: u.original ?? null,
    exclusion: u.exclusion
      ? { pattern: u.exclusion.pattern, at: positionJson(u.exclusion.at) }
      : null,
    campaigns: u.campaigns.map((c) => ({ id: c.id, name: c.name, status: c.status })),
  };
}

function positionJson(at: Position | null) {
  return at ? { file: at.file, line: at.line, col: at.col } : null;
}
