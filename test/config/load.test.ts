import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateDigest } from '../../src/config/digest.js';
import { loadConfig } from '../../src/config/load.js';
import { callerIdMatches } from '../../src/config/policy.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outplanctl-load-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(path: string, text: string): Promise<void> {
  await mkdir(join(dir, path, '..'), { recursive: true });
  await writeFile(join(dir, path), text);
}

const SALES = `# yaml-language-server: $schema=../schemas/outplans.schema.json
defaults:
  source: { type: tel, target: "+15559876543" }
  dial_timeout: 30s
outplans:
  - name: Sales Standard
    detail: Standard sales campaign strategy
    try_interval: 2h
    max_try_count_0: 3
    max_try_count_1: 2
  - name: Emergency Alert
    id: 2B3C4D5E-6F7A-4901-BCDE-F12345678901
    source:
      type: tel
      target: "+15550001111"
    dial_timeout: 45s
    try_interval: 5m
    max_try_count_0: 5
prune:
  exclude: ["Manual *", "Legacy*"]
`;

describe('loadConfig', () => {
  it('normalises outplans: defaults merged, milliseconds, every source subfield, lowercase pins', async () => {
    await write('one/sales.yaml', SALES);
    const loaded = await loadConfig(['one/sales.yaml'], { cwd: dir });
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.files).toEqual(['one/sales.yaml']);
    const [sales, emergency] = loaded.state.outplans;
    expect(sales!.fields).toEqual({
      name: 'Sales Standard',
      detail: 'Standard sales campaign strategy',
      source: { type: 'tel', target: '+15559876543', target_name: '', name: '', detail: '' },
      dial_timeout: 30_000,
      try_interval: 7_200_000,
      max_try_count_0: 3,
      max_try_count_1: 2,
      max_try_count_2: 0,
      max_try_count_3: 0,
      max_try_count_4: 0,
    });
    expect(sales!.pin).toBeNull();
    expect(emergency!.pin).toBe('2b3c4d5e-6f7a-4901-bcde-f12345678901');
    // An outplan's own source replaces the default source as a whole.
    expect(emergency!.fields.source.target).toBe('+15550001111');
    expect(emergency!.fields.detail).toBe('');
  });

  it('records where each outplan and each field value is, or the default it came from', async () => {
    await write('one/sales.yaml', SALES);
    const { state } = await loadConfig(['one/sales.yaml'], { cwd: dir });
    const file = 'one/sales.yaml';
    const [sales, emergency] = state.outplans;
    expect(sales!.at).toEqual({ file, line: 6, col: 5 });
    expect(sales!.fieldAt).toEqual({
      name: { file, line: 6, col: 11 },
      detail: { file, line: 7, col: 13 },
      source: { file, line: 3, col: 11 }, // from defaults
      dial_timeout: { file, line: 4, col: 17 }, // from defaults
      try_interval: { file, line: 8, col: 19 },
      max_try_count_0: { file, line: 9, col: 22 },
      max_try_count_1: { file, line: 10, col: 22 },
    });
    expect(emergency!.fieldAt.id).toEqual({ file, line: 12, col: 9 });
    expect(emergency!.fieldAt.source).toEqual({ file, line: 14, col: 7 });
  });

  it('collects prune exclusions from every file, with positions', async () => {
    await write('two/a.yaml', SALES);
    await write('two/b.yaml', 'prune:\n  exclude:\n    - "Hand made*"\n');
    const { state, diagnostics } = await loadConfig(['two'], { cwd: dir });
    expect(diagnostics).toEqual([]);
    expect(state.pruneExclusions).toEqual([
      { pattern: 'Manual *', at: { file: 'two/a.yaml', line: 20, col: 13 } },
      { pattern: 'Legacy*', at: { file: 'two/a.yaml', line: 20, col: 25 } },
      { pattern: 'Hand made*', at: { file: 'two/b.yaml', line: 3, col: 7 } },
    ]);
  });

  it('reads the policy block into milliseconds with the place of every rule', async () => {
    await write(
      'pol/policy.yaml',
      'policy:\n  dial_timeout: { min: 20s, max: 1m }\n  max_try_count: { max: 5 }\n  caller_ids: ["+1555*"]\n',
    );
    const { policy, diagnostics } = await loadConfig(['pol'], { cwd: dir });
    expect(diagnostics).toEqual([]);
    const file = 'pol/policy.yaml';
    expect(policy).toEqual({
      at: { file, line: 1, col: 1 },
      dialTimeout: {
        min: { ms: 20_000, at: { file, line: 2, col: 24 } },
        max: { ms: 60_000, at: { file, line: 2, col: 34 } },
      },
      tryInterval: null,
      maxTryCount: { max: 5, at: { file, line: 3, col: 25 } },
      callerIds: [{ pattern: '+1555*', at: { file, line: 4, col: 16 } }],
      requireOwnedCallerIds: null,
    });
  });

  it('reads require_owned_caller_ids: on with the place of the rule, off when false', async () => {
    await write('owned/policy.yaml', 'policy:\n  require_owned_caller_ids: true\n');
    const on = await loadConfig(['owned'], { cwd: dir });
    expect(on.diagnostics).toEqual([]);
    expect(on.policy?.requireOwnedCallerIds).toEqual({
      at: { file: 'owned/policy.yaml', line: 2, col: 29 },
    });
    await write('owned/policy.yaml', 'policy:\n  require_owned_caller_ids: false\n');
    const off = await loadConfig(['owned'], { cwd: dir });
    expect(off.diagnostics).toEqual([]);
    expect(off.policy?.requireOwnedCallerIds).toBeNull();
    await write('owned/policy.yaml', 'policy:\n  require_owned_caller_ids: "yes"\n');
    const wrong = await loadConfig(['owned'], { cwd: dir });
    expect(wrong.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['wrong-type', 'policy.require_owned_caller_ids must be a boolean, found the text "yes"'],
    ]);
  });

  it('rejects a policy whose minimum exceeds its maximum', async () => {
    await write('bad-pol/policy.yaml', 'policy:\n  try_interval: { min: 2h, max: 1h }\n');
    const { diagnostics } = await loadConfig(['bad-pol'], { cwd: dir });
    expect(diagnostics.map((d) => [d.code, d.at?.line, d.at?.col])).toEqual([
      ['invalid-policy', 2, 24],
    ]);
  });

  it('matches caller IDs with * as any run of digits', () => {
    expect(callerIdMatches('+1555000*', '+15550001111')).toBe(true);
    expect(callerIdMatches('+1555000*', '+1555000')).toBe(true);
    expect(callerIdMatches('+1555000*', '+14155550000')).toBe(false);
    expect(callerIdMatches('+15559876543', '+15559876543')).toBe(true);
    expect(callerIdMatches('+1555*', 'sip:+1555@x')).toBe(false);
  });

  it('walks directories in sorted order, skipping hidden entries and node_modules', async () => {
    const outplan = (name: string) =>
      `outplans:\n  - name: ${name}\n    dial_timeout: 30s\n    try_interval: 1h\n    max_try_count_0: 1\n`;
    await write('tree/b.yml', outplan('B'));
    await write('tree/a/z.yaml', outplan('AZ'));
    await write('tree/.hidden/x.yaml', 'not: valid');
    await write('tree/node_modules/x.yaml', 'not: valid');
    await write('tree/readme.md', '# not yaml');
    await write('tree/c.YAML', outplan('C'));
    const loaded = await loadConfig(['./tree/'], { cwd: dir });
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.files).toEqual(['tree/a/z.yaml', 'tree/b.yml', 'tree/c.YAML']);
    expect(loaded.state.outplans.map((o) => o.fields.name)).toEqual(['AZ', 'B', 'C']);
    // no paths: the current directory, shown relative to it
    const here = await loadConfig([], { cwd: join(dir, 'tree') });
    expect(here.files).toEqual(['a/z.yaml', 'b.yml', 'c.YAML']);
    // a file named twice is read once
    const twice = await loadConfig(['tree/b.yml', 'tree'], { cwd: dir });
    expect(twice.files).toEqual(['tree/b.yml', 'tree/a/z.yaml', 'tree/c.YAML']);
  });

  it('digests meaning, not layout: comments and file order do not change it, values do', async () => {
    await write('d1/x.yaml', SALES);
    await write('d2/x.yaml', `# a comment\n\n${SALES}`);
    const moved = SALES.replace(
      '  - name: Emergency Alert',
      '  - name: Emergency Alert\n    detail: ""',
    );
    await write('d3/x.yaml', moved);
    await write('d4/x.yaml', SALES.replace('try_interval: 2h', 'try_interval: 120m'));
    await write('d5/x.yaml', SALES.replace('try_interval: 2h', 'try_interval: 3h'));
    const digest = async (path: string) =>
      stateDigest((await loadConfig([path], { cwd: dir })).state);
    const base = await digest('d1');
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(await digest('d2')).toBe(base);
    expect(await digest('d3')).toBe(base); // detail "" is the default
    expect(await digest('d4')).toBe(base); // 120m is 2h
    expect(await digest('d5')).not.toBe(base);
  });

  it('keeps outplans in the state even when other parts of the config have errors', async () => {
    await write(
      'partial/x.yaml',
      `${SALES}  - name: Broken\n    try_interval: 30\n`.replace(
        'prune:\n  exclude: ["Manual *", "Legacy*"]\n',
        '',
      ),
    );
    const loaded = await loadConfig(['partial'], { cwd: dir });
    expect(loaded.diagnostics.map((d) => d.code)).toContain('bare-number-duration');
    expect(loaded.state.outplans.map((o) => o.fields.name)).toEqual([
      'Sales Standard',
      'Emergency Alert',
      'Broken',
    ]);
  });

  it('returns plain data that survives structured cloning unchanged', async () => {
    await write('one/sales.yaml', SALES);
    const loaded = await loadConfig(['one'], { cwd: dir });
    expect(structuredClone(loaded)).toEqual(loaded);
  });
});
