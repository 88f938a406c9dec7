import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { packOutplans, unpackOutplans } from '../../src/config/outplan-transfer.js';

/** Two files, defaults in one, keys in an unusual order, a pin: every kind of position. */
const FILES: Record<string, string> = {
  'a.yaml': [
    'defaults:',
    '  dial_timeout: 45s',
    'outplans:',
    '  - try_interval: 2m',
    '    name: second-written-first',
    '    source: { type: tel, target: "+15550000001" }',
    '  - name: pinned',
    '    id: 0b7a2c1e-3f4d-4e5f-8a9b-0c1d2e3f4a5b',
    '    max_try_count_2: 4',
  ].join('\n'),
  'b.yaml': ['outplans:', '  - name: plain', '    detail: from b'].join('\n'),
};

describe('outplans packed for the trip from the config worker', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'outplanctl-transfer-'));
    for (const [name, text] of Object.entries(FILES)) await writeFile(join(dir, name), `${text}\n`);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('come back equal, positions and their key order included, after a real serialisation', async () => {
    const loaded = await loadConfig(['.'], { cwd: dir, strict: false });
    const { outplans } = loaded.state;
    expect(outplans).toHaveLength(3);
    const packed = packOutplans(outplans);
    const parts = deserialize(serialize({ values: packed.values, strings: packed.strings })) as {
      values: typeof packed.values;
      strings: string[];
    };
    const back = unpackOutplans({ ...parts, positions: new Int32Array(packed.positions) });
    expect(back).toEqual(outplans);
    back.forEach((outplan, i) => {
      expect(Object.keys(outplan.fieldAt)).toEqual(Object.keys(outplans[i]!.fieldAt));
    });
    // A default's position points into the file that declares the default.
    expect(back[0]!.fieldAt.dial_timeout).toEqual(outplans[0]!.fieldAt.dial_timeout);
    expect(back[1]!.fieldAt.id?.line).toBe(8);
  });

  it('share one string per file name instead of a copy per position', async () => {
    const loaded = await loadConfig(['.'], { cwd: dir, strict: false });
    const packed = packOutplans(loaded.state.outplans);
    expect(packed.strings.filter((s) => s.endsWith('.yaml'))).toHaveLength(2);
    expect(new Set(packed.strings).size).toBe(packed.strings.length);
  });

  it('refuse positions that do not add up to the outplans they came with', async () => {
    const loaded = await loadConfig(['.'], { cwd: dir, strict: false });
    const packed = packOutplans(loaded.state.outplans);
    const longer = new Int32Array(packed.positions.length + 2);
    longer.set(packed.positions);
    expect(() => unpackOutplans({ ...packed, positions: longer })).toThrow(/but \d+ were sent/);
    const shorter = packed.positions.slice(0, -3);
    expect(() => unpackOutplans({ ...packed, positions: shorter })).toThrow(/but \d+ were sent/);
  });
});
