/**
 * The safety settings a saved plan was made under, so `apply --plan` checks the plan against
 * the rules it was reviewed under and not just the defaults.
 *
 * At apply time the effective settings are the STRICTER of the recorded ones and the ones
 * given to apply, rule by rule: the smaller delete share, and an override only when both the
 * plan and the apply run give it. A saved plan's checksum is not a signature, so nothing in
 * the file may loosen a rule: an override still has to be given by whoever runs apply (as
 * without a recorded `safety`), and a share lowered at plan time stays lowered.
 */
import { DEFAULT_MAX_DELETE_SHARE } from './safety.js';

/** As stored in the saved plan file (snake_case, like every key there). */
export interface SavedPlanSafety {
  /** 0..1: the `--max-delete-percent` given to `plan`, as a share (default 0.3). */
  readonly max_delete_share: number;
  readonly allow_mass_delete: boolean;
  readonly allow_delete_in_use: boolean;
}

/** The settings `checkSafety` takes (spread them into its options). */
export interface SafetySettings {
  readonly maxDeleteShare: number;
  readonly allowMassDelete: boolean;
  readonly allowDeleteInUse: boolean;
}

/** Flags as a command received them; an absent one is the default. */
export type SafetyFlags = Partial<SafetySettings>;

/** The record to store in a saved plan for the flags `plan` ran with. */
export function savedPlanSafety(flags: SafetyFlags): SavedPlanSafety {
  const settings = withDefaults(flags);
  return {
    max_delete_share: settings.maxDeleteShare,
    allow_mass_delete: settings.allowMassDelete,
    allow_delete_in_use: settings.allowDeleteInUse,
  };
}

/**
 * The settings apply checks a saved plan with: the stricter of what the plan recorded and
 * what apply was given, rule by rule. A plan without `safety` (written before it existed)
 * counts as made with the defaults.
 */
export function effectiveSafety(
  saved: SavedPlanSafety | undefined,
  current: SafetyFlags,
): SafetySettings {
  const now = withDefaults(current);
  const then = saved ?? savedPlanSafety({});
  return {
    maxDeleteShare: Math.min(then.max_delete_share, now.maxDeleteShare),
    allowMassDelete: then.allow_mass_delete && now.allowMassDelete,
    allowDeleteInUse: then.allow_delete_in_use && now.allowDeleteInUse,
  };
}

function withDefaults(flags: SafetyFlags): SafetySettings {
  return {
    maxDeleteShare: flags.maxDeleteShare ?? DEFAULT_MAX_DELETE_SHARE,
    allowMassDelete: flags.allowMassDelete ?? false,
    allowDeleteInUse: flags.allowDeleteInUse ?? false,
  };
}
