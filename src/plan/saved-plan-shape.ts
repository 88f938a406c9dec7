/**
 * Structural check of a parsed saved plan, so `apply` never meets a malformed change
 * (the checksum catches edits; this catches a file written by something else entirely).
 */
import { MAX_TRY_KEYS, SOURCE_KEYS } from '../model/outplan.js';
import { SavedPlanError } from './saved-plan-error.js';
import { safetyShapeProblems } from './saved-plan-safety.js';

const CALLS_BY_ACTION: Record<string, readonly string[]> = {
  create: ['create'],
  update: ['update_basic', 'update_dial_info'],
  delete: ['delete'],
};

export function assertSavedPlanShape(record: Record<string, unknown>): void {
  const problems: string[] = [];
  for (const key of ['tool_version', 'created_at', 'api_url', 'config_digest']) {
    if (typeof record[key] !== 'string') problems.push(`${key} is not a string`);
  }
  if (typeof record.prune !== 'boolean') problems.push('prune is not a boolean');
  problems.push(...safetyShapeProblems(record.safety));
  checkFingerprint(record.live_fingerprint, problems);
  checkPlan(record.plan, problems);
  if (problems.length > 0) {
    throw new SavedPlanError(
      'invalid',
      `The saved plan is malformed: ${problems.slice(0, 5).join('; ')}.`,
    );
  }
}

function checkFingerprint(value: unknown, problems: string[]): void {
  if (!isObject(value) || typeof value.digest !== 'string' || !Array.isArray(value.outplans)) {
    problems.push('live_fingerprint is missing or malformed');
    return;
  }
  value.outplans.forEach((entry, i) => {
    const ok =
      isObject(entry) &&
      typeof entry.id === 'string' &&
      typeof entry.name === 'string' &&
      isStringOrNull(entry.tm_update) &&
      isStringOrNull(entry.tm_delete);
    if (!ok) problems.push(`live_fingerprint.outplans[${i}] is malformed`);
  });
}

function checkPlan(value: unknown, problems: string[]): void {
  if (!isObject(value) || !Array.isArray(value.changes)) {
    problems.push('plan.changes is missing');
    return;
  }
  if (!Number.isInteger(value.unchanged)) problems.push('plan.unchanged is not an integer');
  if (!Array.isArray(value.unmanaged)) problems.push('plan.unmanaged is not an array');
  if (!Array.isArray(value.warnings)) problems.push('plan.warnings is not an array');
  value.changes.forEach((change, i) => checkChange(change, `plan.changes[${i}]`, problems));
}

function checkChange(change: unknown, path: string, problems: string[]): void {
  if (
    !isObject(change) ||
    typeof change.action !== 'string' ||
    !(change.action in CALLS_BY_ACTION)
  ) {
    problems.push(`${path}.action is not create, update or delete`);
    return;
  }
  const action = change.action;
  const allowed = CALLS_BY_ACTION[action]!;
  const calls = change.calls;
  if (
    !Array.isArray(calls) ||
    calls.length === 0 ||
    !calls.every((c) => typeof c === 'string' && allowed.includes(c))
  ) {
    problems.push(`${path}.calls is not valid for a ${action}`);
  }
  if (typeof change.name !== 'string') problems.push(`${path}.name is not a string`);
  if (action === 'create' ? change.id !== null : typeof change.id !== 'string') {
    problems.push(`${path}.id is malformed`);
  }
  if (action !== 'delete' && !isFields(change.after)) problems.push(`${path}.after is malformed`);
  if (action !== 'create' && !isFields(change.before)) problems.push(`${path}.before is malformed`);
  if (!Array.isArray(change.campaigns) || !Array.isArray(change.notes)) {
    problems.push(`${path}.campaigns or notes is missing`);
  }
}

function isFields(value: unknown): boolean {
  if (!isObject(value)) return false;
  const numbers = ['dial_timeout', 'try_interval', ...MAX_TRY_KEYS];
  return (
    typeof value.name === 'string' &&
    typeof value.detail === 'string' &&
    isObject(value.source) &&
    SOURCE_KEYS.every((k) => typeof (value.source as Record<string, unknown>)[k] === 'string') &&
    numbers.every((k) => Number.isSafeInteger(value[k]))
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringOrNull(value: unknown): boolean {
  return value === null || typeof value === 'string';
}
