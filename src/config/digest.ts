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
  const outplans = state.outplans
    .map((outplan) => {
      const fields = OUTPLAN_FIELDS.map((field) =>
        field === 'source'
          ? [field, SOURCE_KEYS.map((key) => [key, outplan.fields.source[key]])]
          : [field, outplan.fields[field]],
      );
      return { pin: outplan.pin, fields };
    })
    .sort((a, b) => compareStrings(JSON.stringify(a), JSON.stringify(b)));
  const exclusions = [...new Set(state.pruneExclusions.map((e) => e.pattern))].sort(compareStrings);
  const canonical = JSON.stringify({ outplans, pruneExclusions: exclusions });
  return createHash('sha256').update(canonical).digest('hex');
}
