import type { Command } from 'commander';
import { UsageError } from '../model/errors.js';
// Direct imports, not the plan index: every command registers these options at start-up.
import type { SafetyFlags } from '../plan/saved-plan-safety.js';
import { DEFAULT_MAX_DELETE_SHARE } from '../plan/safety.js';

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

/** The safety flags as the planner's settings; an absent flag is left to the default. */
export function safetyFlagsFrom(options: RawSafetyOptions): SafetyFlags {
  const flags: { -readonly [K in keyof SafetyFlags]: SafetyFlags[K] } = {};
  if (options.maxDeletePercent !== undefined) {
    flags.maxDeleteShare = deletePercent(options.maxDeletePercent) / 100;
  }
  if (options.allowMassDelete) flags.allowMassDelete = true;
  if (options.allowDeleteInUse) flags.allowDeleteInUse = true;
  return flags;
}

/** Flags are checked before any request, so a typo costs nothing. */
export function checkSafetyFlags(options: RawSafetyOptions): void {
  if (options.maxDeletePercent !== undefined) deletePercent(options.maxDeletePercent);
}

function deletePercent(text: string): number {
  const percent = Number(text);
  if (text.trim() === '' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new UsageError(
      'INVALID_FLAG',
      `--max-delete-percent must be a number from 0 to 100, got "${text}".`,
      {
        hint: 'Deleting everything is refused whatever the share; --allow-mass-delete lifts both rules.',
      },
    );
  }
  return percent;
}
