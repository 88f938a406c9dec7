import { readFile, readdir } from 'node:fs/promises';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/config/load.js';
import { formatDuration } from '../../src/model/duration.js';
import { MAX_TRY_KEYS, SOURCE_KEYS } from '../../src/model/outplan.js';
import type { DesiredOutplan } from '../../src/model/desired.js';
import { REPO_ROOT } from '../helpers/run-cli.js';

const EXAMPLES = join(REPO_ROOT, 'examples');

const STRATEGIES: Record<string, [dialTimeout: string, tryInterval: string]> = {
  'Sales Standard': ['30s', '2h'],
  'B2B Sales': ['30s', '4h'],
  'Appointment Reminder': ['25s', '2h'],
  'Emergency Alert': ['45s', '5m'],
  'Conservative Reminder': ['25s', '1h'],
};

async function yamlFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true });
  return entries.filter((e) => /\.ya?ml$/.test(e)).sort();
}

describe('examples/', () => {
  it('every example file is valid on its own, without warnings', async () => {
    const files = await yamlFiles(EXAMPLES);
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      // policy.yaml applies to the outplans beside it; check it with them
      const paths = file.endsWith('policy.yaml') ? [join(file, '..')] : [file];
      const loaded = await loadConfig(paths, { cwd: EXAMPLES });
      expect(loaded.diagnostics, file).toEqual([]);
    }
  });

  it('the whole examples/ directory validates as one config', async () => {
    const loaded = await loadConfig(['examples/'], { cwd: REPO_ROOT });
    expect(loaded.diagnostics).toEqual([]);
  });

  it('carries the schema modeline in every file', async () => {
    for (const file of await yamlFiles(EXAMPLES)) {
      const text = await readFile(join(EXAMPLES, file), 'utf8');
      expect(text, file).toMatch(
        /^# yaml-language-server: \$schema=(\.\.\/)+schemas\/outplans\.schema\.json\n/,
      );
    }
  });

  it('covers the five strategies of the VoIPBIN guide with their timings', async () => {
    const { state } = await loadConfig(['.'], { cwd: EXAMPLES });
    for (const [name, [dial, interval]] of Object.entries(STRATEGIES)) {
      const outplan = state.outplans.find((o) => o.fields.name === name);
      expect(outplan, name).toBeDefined();
      expect(formatDuration(outplan!.fields.dial_timeout)).toBe(dial);
      expect(formatDuration(outplan!.fields.try_interval)).toBe(interval);
    }
    const b2b = state.outplans.find((o) => o.fields.name === 'B2B Sales')!;
    const sales = state.outplans.find((o) => o.fields.name === 'Sales Standard')!;
    expect(b2b.fields.max_try_count_0).toBeGreaterThan(sales.fields.max_try_count_0);
  });

  it('multi-env: staging and production are separate valid configs with their own caller IDs', async () => {
    const staging = await loadConfig(['multi-env/staging'], { cwd: EXAMPLES });
    const production = await loadConfig(['multi-env/production'], { cwd: EXAMPLES });
    expect(staging.diagnostics).toEqual([]);
    expect(production.diagnostics).toEqual([]);
    expect(staging.policy).toBeNull();
    expect(production.policy?.callerIds?.map((c) => c.pattern)).toEqual(['+1555*']);
    const callerIds = (l: typeof staging) =>
      new Set(l.state.outplans.map((o) => o.fields.source.target));
    expect([...callerIds(staging)]).toEqual(['+15550100001']);
    expect([...callerIds(production)]).toEqual(['+15559800001']);
    expect(production.state.pruneExclusions.map((e) => e.pattern)).toEqual(['Staging: *']);
  });

  it('round-trips: the loaded state written back as YAML loads to the same state', async () => {
    const original = await loadConfig(['.'], { cwd: EXAMPLES });
    const dir = await mkdtemp(join(tmpdir(), 'outplanctl-roundtrip-'));
    try {
      await writeFile(
        join(dir, 'all.yaml'),
        stringify({ outplans: original.state.outplans.map(toYaml) }),
      );
      const again = await loadConfig(['all.yaml'], { cwd: dir });
      expect(again.diagnostics).toEqual([]);
      expect(again.state.outplans.map((o) => [o.fields, o.pin])).toEqual(
        original.state.outplans.map((o) => [o.fields, o.pin]),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** What an export writes: human durations, only non-empty values. */
function toYaml(outplan: DesiredOutplan): Record<string, unknown> {
  const { fields } = outplan;
  const source = Object.fromEntries(
    SOURCE_KEYS.filter((k) => fields.source[k] !== '').map((k) => [k, fields.source[k]]),
  );
  return {
    name: fields.name,
    ...(outplan.pin ? { id: outplan.pin } : {}),
    ...(fields.detail ? { detail: fields.detail } : {}),
    ...(Object.keys(source).length > 0 ? { source } : {}),
    dial_timeout: formatDuration(fields.dial_timeout),
    try_interval: formatDuration(fields.try_interval),
    ...Object.fromEntries(MAX_TRY_KEYS.filter((k) => fields[k] !== 0).map((k) => [k, fields[k]])),
  };
}
