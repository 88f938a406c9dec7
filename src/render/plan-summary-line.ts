import { summarizePlan, type Plan } from '../plan/index.js';
import { pluralOutplans } from './plan-values.js';

/**
 * The summary line of every text plan (followed only by any warnings), stable for scripts
 * and CI logs:
 * `Plan: 2 to create, 1 to update, 1 to delete, 12 unchanged.` or, with nothing to do,
 * `No changes. 12 outplans match the configuration.`
 */
export function planSummaryLine(plan: Plan): string {
  const s = summarizePlan(plan);
  if (plan.changes.length === 0) {
    const verb = s.unchanged === 1 ? 'matches' : 'match';
    return `No changes. ${pluralOutplans(s.unchanged)} ${verb} the configuration.`;
  }
  return `Plan: ${s.create} to create, ${s.update} to update, ${s.delete} to delete, ${s.unchanged} unchanged.`;
}
