import type { Command } from 'commander';
import { RefusalError } from '../model/errors.js';
import { checkSafety, DEFAULT_MAX_DELETE_SHARE, type Plan, type Refusal } from '../plan/index.js';
import { positiveNumber } from './api-flags.js';

export function addSafetyOptions(command: Command): Command {
  return command
    .option(
      '--max-delete-percent <n>',
      `refuse a prune deleting more than this share of live outplans (default ${DEFAULT_MAX_DELETE_SHARE * 100})`,
    )
    .option(
      '--allow-mass-delete',
      'allow a prune that deletes all or more than the share of outplans',
    )
    .option(
      '--allow-delete-in-use',
      'allow deleting outplans that running or stopping campaigns use (or when campaigns are unknown)',
    );
}

export interface RawSafetyOptions {
  maxDeletePercent?: string;
  allowMassDelete?: boolean;
  allowDeleteInUse?: boolean;
}

export function safetyRefusals(
  plan: Plan,
  options: RawSafetyOptions,
  context: { liveCount: number; campaignsKnown: boolean },
): Refusal[] {
  const percent =
    options.maxDeletePercent === undefined
      ? undefined
      : positiveNumber('--max-delete-percent', options.maxDeletePercent);
  return checkSafety(plan, {
    liveCount: context.liveCount,
    ...(percent === undefined ? {} : { maxDeleteShare: Math.min(percent, 100) / 100 }),
    allowMassDelete: options.allowMassDelete === true,
    allowDeleteInUse: options.allowDeleteInUse === true,
    campaignsKnown: context.campaignsKnown,
  });
}

/** One error for all refusals, so the user sees every reason at once. */
export function refusalError(refusals: readonly Refusal[], consequence: string): RefusalError {
  const body = refusals.map((r) => `- ${r.message}\n  ${r.hint}`).join('\n');
  return new RefusalError(
    refusals[0]?.code ?? 'REFUSED',
    `Refused by ${refusals.length === 1 ? 'a safety rule' : `${refusals.length} safety rules`}; ${consequence}\n${body}`,
  );
}
