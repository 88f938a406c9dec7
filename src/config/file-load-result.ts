import type { DesiredOutplan, PruneExclusion } from '../model/desired.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { FieldName } from '../model/outplan.js';
import type { PolicyBlock } from './policy.js';

/** One file's contribution to a loaded config. */
export interface FileLoad {
  /** YAML, schema and per-outplan problems, in that order (loadConfig sorts them). */
  readonly diagnostics: Diagnostic[];
  readonly outplans: DesiredOutplan[];
  /** Fields whose written value is invalid (already reported): later checks skip them. */
  readonly invalidFields: Map<DesiredOutplan, ReadonlySet<FieldName>>;
  readonly pruneExclusions: PruneExclusion[];
  readonly policy: PolicyBlock | null;
}
