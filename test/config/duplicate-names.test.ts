import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';

const ID_A = '2b3c4d5e-6f7a-4901-bcde-f12345678901';
const ID_B = '3c4d5e6f-7a8b-4c01-9def-123456789012';

describe('repeated names', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function load(body: string) {
    dir = await mkdtemp(join(tmpdir(), 'outplanctl-dup-'));
    await writeFile(join(dir, 'o.yaml'), body);
    return loadConfig(['o.yaml'], { cwd: dir });
  }

  const entry = (pin: string | null) =>
    `  - name: Shared\n${pin ? `    id: ${pin}\n` : ''}    dial_timeout: 30s\n    try_interval: 2h\n    max_try_count_0: 1\n`;

  it('are allowed when every declaration is pinned by id (an exported account with shared names)', async () => {
    const loaded = await load(`outplans:\n${entry(ID_A)}${entry(ID_B)}`);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.state.outplans.map((o) => o.pin)).toEqual([ID_A, ID_B]);
  });

  it('are an error at the second declaration when any of them is matched by name', async () => {
    const loaded = await load(`outplans:\n${entry(ID_A)}${entry(null)}`);
    expect(loaded.diagnostics).toMatchObject([
      { severity: 'error', code: 'duplicate-name', at: { file: 'o.yaml', line: 7, col: 11 } },
    ]);
    expect(loaded.diagnostics[0]?.hint).toContain('pin each with `id:`');
  });
});
