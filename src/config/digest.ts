import { createHash } from 'node:crypto';
import type { DesiredState } from '../model/desired.js';
import { compareStrings } from '../model/order.js';
import { OUTPLAN_FIELDS, SOURCE_KEYS } from '../model/outplan.js';

/**
 * sha256 of the state's meaning, for saved-plan fingerprints. Positions, file order and
 * file layout are left out on purpose: moving an outplan to another file or adding a
 * comment does not make a reviewed plan stale; changing any value does.
 */
export function stateDigest(state: DesiredState): string {
  // Each outplan is serialised once and the texts are sorted: the canonical JSON is the
  // sorted array's JSON, built from the same texts (no re-serialising per comparison).
  const outplans = state.outplans
    .map((outplan) => {
      const fields = OUTPLAN_FIELDS.map((field) =>
        field === 'source'
          ? [field, SOURCE_KEYS.map((key) => [key, outplan.fields.source[key]])]
          : [field, outplan.fields[field]],
      );
      return JSON.stringify({ pin: outplan.pin, fields });
    })
    .sort(compareStrings);
  const exclusions = [...new Set(state.pruneExclusions.map((e) => e.pattern))].sort(compareStrings);
  const canonical = `{"outplans":[${outplans.join(',')}],"pruneExclusions":${JSON.stringify(exclusions)}}`;
  return createHash('sha256').update(canonical).digest('hex');
}
