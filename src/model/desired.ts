import type { Position } from './diagnostic.js';
import type { FieldName, OutplanFields } from './outplan.js';

/** One outplan as declared in a config file, normalised (defaults merged, milliseconds). */
export interface DesiredOutplan {
  readonly fields: OutplanFields;
  /** `id:` pin to a live outplan (adopt or rename), or null to match by name. */
  readonly pin: string | null;
  /** Where the outplan's mapping starts (its `- name:` item). */
  readonly at: Position;
  /** Where each field was written (or, for a value from `defaults`, where the default was). */
  readonly fieldAt: Readonly<Partial<Record<FieldName | 'id', Position>>>;
}

/** `prune: { exclude: [...] }`: live outplans whose names match are never deleted. */
export interface PruneExclusion {
  /** Glob on the outplan name; `*` matches any run of characters. */
  readonly pattern: string;
  readonly at: Position;
}

/** Everything the config declares, as the planner needs it. */
export interface DesiredState {
  readonly outplans: readonly DesiredOutplan[];
  readonly pruneExclusions: readonly PruneExclusion[];
}
