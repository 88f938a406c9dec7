import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltCli } from '../helpers/run-cli.js';

interface JsonDiagnostic {
  severity: string;
  code: string;
  message: string;
  line?: number;
  related?: { file: string; line: number; col: number }[];
}

const NFC = 'Caf\u00e9';
const NFD = 'Cafe\u0301';

/** One outplan per name, in a JSON-quoted flow mapping so every character survives as written. */
function configWith(names: readonly string[]): string {
  const lines = ['outplans:'];
  for (const name of names)
    lines.push(
      `  - { name: ${JSON.stringify(name)}, try_interval: 2h, dial_timeout: 30s, max_try_count_0: 1 }`,
    );
  return `${lines.join('\n')}\n`;
}

// Look-alike names are visible (issue 10): validate warns, through the built CLI.
describe('validate: names that differ only invisibly', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'outplanctl-lookalike-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function validate(names: readonly string[], strict = false) {
    writeFileSync(join(dir, 'c.yaml'), configWith(names));
    const run = await runBuiltCli(
      ['validate', 'c.yaml', '--format', 'json', ...(strict ? ['--strict'] : [])],
      { cwd: dir },
    );
    const { diagnostics } = JSON.parse(run.stdout) as { diagnostics: JsonDiagnostic[] };
    return { code: run.code, diagnostics, stderr: run.stderr };
  }

  it('NFC and NFD spellings of Café: one warning naming both places (exit 0)', async () => {
    const { code, diagnostics } = await validate([NFC, NFD]);
    expect(code).toBe(0);
    expect(diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([
      ['warning', 'lookalike-name', 3],
    ]);
    expect(diagnostics[0]!.message).toContain('declared at c.yaml:2:');
    expect(diagnostics[0]!.message).toContain('NFC vs NFD');
    expect(diagnostics[0]!.related).toEqual([{ file: 'c.yaml', line: 2, col: 13 }]);
  });

  it('a zero-width space: the invisible character is named, escaped, and the twin found', async () => {
    const { diagnostics } = await validate(['Sales', 'Sales\u200b']);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['invisible-characters', 3],
      ['lookalike-name', 3],
    ]);
    expect(diagnostics[0]!.message).toBe(
      'outplan name "Sales\\u200b" contains a zero-width space (U+200B), which shows as nothing',
    );
    expect(diagnostics[1]!.message).toContain('zero-width space (U+200B)');
  });

  it('a leading byte-order mark and a bidi control are named even without a twin', async () => {
    const { diagnostics } = await validate(['\ufeffReminders', 'Alerts\u202e']);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['invisible-characters', 2],
      ['invisible-characters', 3],
    ]);
    expect(diagnostics[0]!.message).toContain('byte-order mark (U+FEFF)');
    expect(diagnostics[1]!.message).toContain('right-to-left override (U+202E)');
  });

  it('--strict makes them errors (exit 3); ordinary distinct names give nothing', async () => {
    expect((await validate([NFC, NFD], true)).code).toBe(3);
    const plain = await validate(['Sales', 'sales', 'Café']);
    expect(plain.diagnostics).toEqual([]);
    expect(plain.code).toBe(0);
  });
});
