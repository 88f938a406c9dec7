import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { stateDigest } from '../../src/config/digest.js';
import { loadConfig } from '../../src/config/load.js';
import type { DesiredState } from '../../src/model/desired.js';
import { compareStrings } from '../../src/model/order.js';
import { OUTPLAN_FIELDS, SOURCE_KEYS } from '../../src/model/outplan.js';
import { desiredOutplan, desiredState } from '../plan/builders.js';

/**
 * The digest as first written (re-serialising per comparison). Saved plans carry it, so a
 * faster computation must give exactly the same hex for every state.
 */
function referenceDigest(state: DesiredState): string {
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

describe('stateDigest', () => {
  it('is the digest saved plans were made with, for varied states', () => {
    const states = [
      desiredState([]),
      desiredState([], ['b*', 'a', 'b*']),
      desiredState(
        [
          desiredOutplan({ name: 'zeta "quoted" \\ back', detail: '日本語 🎉' }),
          desiredOutplan({ name: 'alpha', source: { type: 'sip', target: 'sip:a@b' } }),
          desiredOutplan({ name: 'alpha' }, { pin: '2b3c4d5e-6f7a-4901-bcde-f12345678901' }),
          desiredOutplan({ name: 'Alpha', max_try_count_4: 0, dial_timeout: 1 }),
          desiredOutplan({ name: 'alpha' }),
        ],
        ['legacy-*', 'keep'],
      ),
    ];
    for (const state of states) expect(stateDigest(state)).toBe(referenceDigest(state));
  });

  it('is the same for the repository examples', async () => {
    const loaded = await loadConfig(['examples'], { cwd: `${import.meta.dirname}/../..` });
    expect(loaded.state.outplans.length).toBeGreaterThan(5);
    expect(stateDigest(loaded.state)).toBe(referenceDigest(loaded.state));
  });

  it('does not depend on the order outplans are declared in', () => {
    const a = desiredOutplan({ name: 'a' });
    const b = desiredOutplan({ name: 'b' }, { pin: '2b3c4d5e-6f7a-4901-bcde-f12345678901' });
    expect(stateDigest(desiredState([a, b]))).toBe(stateDigest(desiredState([b, a])));
  });
});
