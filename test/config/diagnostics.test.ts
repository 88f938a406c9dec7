import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/config/diagnostics/', import.meta.url));

type Expected = [severity: 'error' | 'warning', code: string, at: string];

async function diagnosticsOf(...paths: string[]): Promise<Expected[]> {
  const loaded = await loadConfig(paths, { cwd: FIXTURES });
  return loaded.diagnostics.map((d) => [
    d.severity,
    d.code,
    d.at ? `${d.at.file}:${d.at.line}:${d.at.col}` : '',
  ]);
}

/** Every diagnostic kind, at its exact line and column (checked by hand against the files). */
describe('diagnostics at exact positions', () => {
  it('unknown keys, with did-you-mean, at the key', async () => {
    expect(await diagnosticsOf('unknown-keys.yaml')).toEqual([
      ['error', 'unknown-key', 'unknown-keys.yaml:3:3'], // name in defaults
      ['error', 'unknown-key', 'unknown-keys.yaml:6:5'], // dial_timout
      ['error', 'unknown-key', 'unknown-keys.yaml:9:50'], // targetname in a flow mapping
      ['error', 'unknown-key', 'unknown-keys.yaml:11:5'], // << merge key
      ['error', 'unknown-key', 'unknown-keys.yaml:14:1'], // outplan
    ]);
    const loaded = await loadConfig(['unknown-keys.yaml'], { cwd: FIXTURES });
    const messages = loaded.diagnostics.map((d) => d.message);
    expect(messages[1]).toContain('did you mean `dial_timeout`?');
    expect(messages[2]).toContain('did you mean `target_name`?');
    expect(messages[3]).toContain('merge keys');
    expect(messages[4]).toContain('did you mean `outplans`?');
  });

  it('values: bare numbers, durations, ranges, types, enums, E.164, UUIDs, names', async () => {
    expect(await diagnosticsOf('values.yaml')).toEqual([
      ['error', 'bare-number-duration', 'values.yaml:3:19'],
      ['error', 'invalid-duration', 'values.yaml:4:19'],
      ['error', 'out-of-range', 'values.yaml:5:22'],
      ['error', 'wrong-type', 'values.yaml:6:22'],
      ['error', 'invalid-duration', 'values.yaml:9:19'], // 0s
      ['error', 'invalid-source-type', 'values.yaml:10:21'],
      ['error', 'invalid-uuid', 'values.yaml:13:9'],
      ['error', 'invalid-duration', 'values.yaml:15:19'], // 30d
      ['error', 'invalid-e164', 'values.yaml:18:15'], // block mapping source
      ['error', 'invalid-name', 'values.yaml:20:11'],
      ['error', 'missing-field', 'values.yaml:22:5'],
      ['error', 'invalid-duration', 'values.yaml:23:19'], // 900h > int32 ms
      ['error', 'invalid-duration', 'values.yaml:27:19'], // 597h
      ['error', 'wrong-type', 'values.yaml:29:13'],
    ]);
  });

  it('explains a bare number both ways, and suggests the closest address type', async () => {
    const { diagnostics } = await loadConfig(['values.yaml'], { cwd: FIXTURES });
    expect(diagnostics[0]!.hint).toContain('Write 30s for 30 seconds, or 30ms');
    expect(diagnostics[5]!.message).toContain('did you mean `tel`?');
    expect(diagnostics[2]!.message).toContain('found 101');
  });

  it('try_interval is required on the outplan or in defaults', async () => {
    expect(await diagnosticsOf('missing-interval.yaml')).toEqual([
      ['error', 'missing-field', 'missing-interval.yaml:4:5'],
    ]);
  });

  it('warnings from the VoIPBIN guide, once per place even when inherited by many', async () => {
    expect(await diagnosticsOf('warnings.yaml', 'unset-timeout.yaml')).toEqual([
      ['warning', 'dial-timeout-short', 'warnings.yaml:2:17'],
      ['warning', 'try-interval-short', 'warnings.yaml:3:17'],
      ['warning', 'dial-timeout-long', 'warnings.yaml:10:19'],
      ['warning', 'never-dials', 'warnings.yaml:13:5'],
      ['warning', 'dial-timeout-unset', 'unset-timeout.yaml:2:5'],
    ]);
    const { diagnostics } = await loadConfig(['warnings.yaml'], { cwd: FIXTURES });
    expect(diagnostics[0]!.message).toBe(
      '3 outplans ("Short A", "Short B", "Unset"): dial_timeout 10s is under 15s: many people cannot answer that fast',
    );
  });

  it('--strict turns every warning into an error at the same place', async () => {
    const loaded = await loadConfig(['warnings.yaml'], { cwd: FIXTURES, strict: true });
    expect(loaded.diagnostics.map((d) => [d.severity, d.code, d.at?.line])).toEqual([
      ['error', 'dial-timeout-short', 2],
      ['error', 'try-interval-short', 3],
      ['error', 'dial-timeout-long', 10],
      ['error', 'never-dials', 13],
    ]);
  });

  it('duplicate names and id pins across files name both places', async () => {
    expect(await diagnosticsOf('dup')).toEqual([
      ['error', 'duplicate-id', 'dup/b.yaml:4:9'],
      ['error', 'duplicate-name', 'dup/b.yaml:8:11'],
    ]);
    const { diagnostics } = await loadConfig(['dup'], { cwd: FIXTURES });
    expect(diagnostics[0]!.related).toEqual([{ file: 'dup/a.yaml', line: 3, col: 9 }]);
    expect(diagnostics[0]!.message).toContain('dup/a.yaml:3:9');
    expect(diagnostics[1]!.related).toEqual([{ file: 'dup/a.yaml', line: 2, col: 11 }]);
  });

  it('policy violations point at the offending field and name the rule and where it is', async () => {
    expect(await diagnosticsOf('policy')).toEqual([
      ['warning', 'dial-timeout-short', 'policy/outplans.yaml:9:19'],
      ['error', 'policy-violation', 'policy/outplans.yaml:9:19'],
      ['error', 'policy-violation', 'policy/outplans.yaml:10:19'],
      ['error', 'policy-violation', 'policy/outplans.yaml:15:22'],
      ['error', 'policy-violation', 'policy/outplans.yaml:17:13'],
      ['warning', 'dial-timeout-long', 'policy/outplans.yaml:18:19'],
      ['error', 'policy-violation', 'policy/outplans.yaml:18:19'],
      ['error', 'policy-violation', 'policy/outplans.yaml:22:13'],
      ['error', 'duplicate-policy', 'policy/second-policy.yaml:3:1'],
    ]);
    const { diagnostics } = await loadConfig(['policy'], { cwd: FIXTURES });
    const violations = diagnostics.filter((d) => d.code === 'policy-violation');
    expect(
      violations.map((d) => [d.message.match(/\(policy\.[a-z_.]+\)/)?.[0], d.related]),
    ).toEqual([
      ['(policy.dial_timeout.min)', [{ file: 'policy/policy.yaml', line: 2, col: 24 }]],
      ['(policy.try_interval.min)', [{ file: 'policy/policy.yaml', line: 3, col: 24 }]],
      ['(policy.max_try_count.max)', [{ file: 'policy/policy.yaml', line: 4, col: 25 }]],
      ['(policy.caller_ids)', [{ file: 'policy/policy.yaml', line: 5, col: 16 }]],
      ['(policy.dial_timeout.max)', [{ file: 'policy/policy.yaml', line: 2, col: 34 }]],
      ['(policy.caller_ids)', [{ file: 'policy/policy.yaml', line: 5, col: 16 }]],
    ]);
    expect(diagnostics.at(-1)!.related).toEqual([{ file: 'policy/policy.yaml', line: 1, col: 1 }]);
  });

  it('missing paths and directories without YAML have no position', async () => {
    const loaded = await loadConfig(['nope.yaml', 'dup/../missing-dir'], { cwd: FIXTURES });
    expect(loaded.diagnostics.map((d) => [d.code, d.at, d.message])).toEqual([
      ['missing-path', undefined, 'nope.yaml: no such file or directory'],
      ['missing-path', undefined, 'dup/../missing-dir: no such file or directory'],
    ]);
  });
});
