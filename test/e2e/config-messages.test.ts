import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltCli, type CliRun } from '../helpers/run-cli.js';

/** `outplanctl validate --format json` on one file; the diagnostics as the user gets them. */
interface JsonDiagnostic {
  severity: string;
  code: string;
  message: string;
  hint?: string;
  line?: number;
}

// Messages that lead to the fix (issue 11), through the built CLI.
describe('validate: messages that lead to the fix', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'outplanctl-messages-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function validate(body: string, format: 'text' | 'json' = 'text'): Promise<CliRun> {
    writeFileSync(join(dir, 'c.yaml'), body);
    return runBuiltCli(['validate', 'c.yaml', '--format', format], { cwd: dir });
  }

  async function diagnosticsOf(body: string): Promise<JsonDiagnostic[]> {
    const run = await validate(body, 'json');
    return (JSON.parse(run.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
  }

  const rest = '    dial_timeout: 30s\n    max_try_count_0: 3\n';

  it('an unquoted +E.164 target: the fix keeps the plus the user wrote', async () => {
    const run = await validate(
      `outplans:\n  - name: A\n    source: { type: tel, target: +14155550100 }\n    try_interval: 2h\n${rest}`,
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      'c.yaml:3:34: error: outplans[0].source.target must be a string, found number +14155550100 [wrong-type]',
    );
    expect(run.stderr).toContain('Quote it: "+14155550100".');
    expect(run.stderr).not.toContain('"14155550100"');
  });

  it('the quoted fix it suggests is then valid', async () => {
    const run = await validate(
      `outplans:\n  - name: A\n    source: { type: tel, target: "+14155550100" }\n    try_interval: 2h\n${rest}`,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('a misspelt required field is one error: the did-you-mean that names the missing field', async () => {
    const found = await diagnosticsOf(`outplans:\n  - name: A\n    try_intervall: 2h\n${rest}`);
    expect(found).toEqual([
      {
        severity: 'error',
        code: 'unknown-key',
        message:
          'unknown key `try_intervall` in outplans[0]; did you mean `try_interval`? (`try_interval` is required and not set)',
        hint: 'Rename `try_intervall` to `try_interval`.',
        file: 'c.yaml',
        line: 3,
        col: 5,
        related: [],
      },
    ]);
  });

  it('a misspelt required field in defaults: one error for every outplan of the file', async () => {
    const found = await diagnosticsOf(
      `defaults:\n  try_intervall: 2h\noutplans:\n  - name: A\n${rest}  - name: B\n${rest}`,
    );
    expect(found.map((d) => [d.code, d.line])).toEqual([['unknown-key', 2]]);
    expect(found[0]!.message).toContain('did you mean `try_interval`?');
  });

  it('a misspelt optional field: the did-you-mean alone, without the list of known keys', async () => {
    const run = await validate(
      `outplans:\n  - name: A\n    try_interval: 2h\n    dial_timout: 30s\n    max_try_count_0: 3\n`,
    );
    expect(run.stderr).toContain('did you mean `dial_timeout`?');
    expect(run.stderr).toContain('Rename `dial_timout` to `dial_timeout`.');
    expect(run.stderr).not.toContain('Known keys here');
  });

  it('an unknown key with no likely spelling lists the keys known there', async () => {
    const run = await validate(
      `outplans:\n  - name: A\n    try_interval: 2h\n${rest}    frobnicate: 1\n`,
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('unknown key `frobnicate` in outplans[0] [unknown-key]');
    expect(run.stderr).toContain('Known keys here: name, id, detail, source,');
  });

  it('a missing required field with no look-alike key is still reported as missing', async () => {
    const found = await diagnosticsOf(`outplans:\n  - name: A\n${rest}`);
    expect(found.map((d) => d.code)).toEqual(['missing-field']);
  });

  it('limits and hints come from the schema: range, E.164, duration', async () => {
    const found = await diagnosticsOf(
      `outplans:\n  - name: A\n    source: { type: tel, target: "+1 555" }\n    try_interval: 1d\n    dial_timeout: 30s\n    max_try_count_0: 300\n`,
    );
    expect(found.map((d) => [d.code, d.message, d.hint])).toEqual([
      [
        'invalid-e164',
        'outplans[0].source.target: "+1 555" is not an E.164 number',
        'Not an E.164 number: a tel caller ID is + then 7-15 digits, no spaces or dashes, e.g. +15559876543.',
      ],
      [
        'invalid-duration',
        'outplans[0].try_interval: "1d" is not a duration',
        expect.stringContaining('ms, s, m or h'),
      ],
      [
        'out-of-range',
        'outplans[0].max_try_count_0 must be between 0 and 100, found 300',
        'A whole number of dial attempts per destination, from 0 to 100.',
      ],
    ]);
  });

  it('zero and too-long durations: one error each, worded on the value', async () => {
    const found = await diagnosticsOf(
      `outplans:\n  - name: A\n    try_interval: 0h0m\n    dial_timeout: 600h\n    max_try_count_0: 3\n`,
    );
    expect(found.map((d) => d.message)).toEqual([
      'outplans[0].try_interval must be greater than 0, found "0h0m"',
      'outplans[0].dial_timeout "600h" is too long: VoIPBIN stores at most 596h31m23s647ms (2147483647 ms)',
    ]);
  });
});
