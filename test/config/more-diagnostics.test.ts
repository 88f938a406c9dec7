import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';

/** The rarer diagnostic kinds, each at its exact position, from small files written here. */
describe('more diagnostics at exact positions', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function diagnosticsOf(body: string) {
    dir = await mkdtemp(join(tmpdir(), 'outplanctl-diag-'));
    await writeFile(join(dir, 'c.yaml'), body);
    const { diagnostics } = await loadConfig(['c.yaml'], { cwd: dir });
    return diagnostics.map((d) => ({
      severity: d.severity,
      code: d.code,
      at: d.at ? `${d.at.line}:${d.at.col}` : null,
      message: d.message,
      hint: d.hint,
    }));
  }

  const valid = '    try_interval: 2h\n    dial_timeout: 30s\n    max_try_count_0: 1\n';

  it('yaml-warning: an unresolved tag, at the tag', async () => {
    const found = await diagnosticsOf(`outplans:\n  - name: A\n    detail: !foo bar\n${valid}`);
    expect(found).toMatchObject([{ severity: 'warning', code: 'yaml-warning', at: '3:13' }]);
  });

  it('empty-value: an empty policy rule, at the rule', async () => {
    const found = await diagnosticsOf(
      `policy:\n  dial_timeout: {}\noutplans:\n  - name: A\n${valid}`,
    );
    expect(found).toMatchObject([{ severity: 'error', code: 'empty-value', at: '2:17' }]);
  });

  it('invalid-value: an over-long source subfield, at the value', async () => {
    const long = 'x'.repeat(1025);
    const found = await diagnosticsOf(
      `outplans:\n  - name: A\n    source: { type: sip, target: ${long} }\n${valid}`,
    );
    expect(found).toMatchObject([{ severity: 'error', code: 'invalid-value', at: '3:34' }]);
    expect(found[0]!.message).toContain('1025 characters, at most 1024');
  });

  it('invalid-caller-id-pattern: a policy caller ID that is not digits and *', async () => {
    const found = await diagnosticsOf(
      `policy:\n  caller_ids: ["+1555*", "abc*"]\noutplans:\n  - name: A\n    source: { type: tel, target: "+15551234567" }\n${valid}`,
    );
    expect(found).toMatchObject([
      { severity: 'error', code: 'invalid-caller-id-pattern', at: '2:26' },
    ]);
  });

  it('bare-number-duration: a quoted number and a fraction get both readings', async () => {
    const found = await diagnosticsOf(
      `outplans:\n  - name: A\n    try_interval: "300"\n    dial_timeout: 1.5\n    max_try_count_0: 1\n`,
    );
    expect(found).toMatchObject([
      { code: 'bare-number-duration', at: '3:19' },
      { code: 'bare-number-duration', at: '4:19' },
    ]);
    expect(found[0]!.hint).toContain('Write 300s for 300 seconds, or 300ms');
    expect(found[1]!.hint).toContain('write 1s500ms for 1.5 seconds');
  });
});
