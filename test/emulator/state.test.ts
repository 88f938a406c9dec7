import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { KEY_A, KEY_B, call, outplanBody } from './helpers.js';

let dir: string;
const open: Array<{ close(): Promise<void> }> = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outplanctl-emu-'));
});
afterEach(async () => {
  // Close (and so save) before the directory goes away.
  await Promise.all(open.splice(0).map((e) => e.close()));
  await rm(dir, { recursive: true, force: true });
});

async function emulator(options: { statePath: string }) {
  const emu = await startEmulator({ accessKeys: [KEY_A, KEY_B], ...options });
  open.push(emu);
  return emu;
}

describe('statePath', () => {
  it('keeps outplans and campaigns across a restart with the same keys', async () => {
    const statePath = join(dir, 'state.json');
    const first = await startEmulator({ accessKeys: [KEY_A, KEY_B], statePath });
    const created = (await call(first, 'POST', '/outplans', { body: outplanBody() })).json;
    const deleted = (await call(first, 'DELETE', `/outplans/${created.id}`)).json;
    const campaign = first.store.seedCampaign(KEY_A, {
      name: 'c',
      outplan_id: created.id,
      status: 'run',
    });
    first.store.seedOutplans(KEY_B, 3);
    const before = { a: first.store.listOutplans(KEY_A), b: first.store.listOutplans(KEY_B) };
    await first.close();

    const second = await emulator({ statePath });
    expect(second.store.listOutplans(KEY_A)).toEqual(before.a);
    expect(second.store.listOutplans(KEY_B)).toEqual(before.b);
    expect((await call(second, 'GET', `/outplans/${created.id}`)).json).toEqual(deleted);
    expect((await call(second, 'GET', '/campaigns')).json.result).toEqual([campaign]);
    // New rows are still newer than everything loaded.
    const later = (await call(second, 'POST', '/outplans', { body: {} })).json;
    expect((await call(second, 'GET', '/outplans')).json.result[0].id).toBe(later.id);
  });

  it('writes atomically (no temporary file left behind) and never writes a credential', async () => {
    const statePath = join(dir, 'state.json');
    const emu = await startEmulator({ accessKeys: [KEY_A], statePath });
    emu.issueToken(KEY_A);
    await call(emu, 'POST', '/outplans', { body: outplanBody() });
    await emu.close();
    expect(await readdir(dir)).toEqual(['state.json']);
    const text = await readFile(statePath, 'utf8');
    expect(text).not.toContain(KEY_A);
    expect(text).not.toMatch(/eyJ/);
    expect(JSON.parse(text)).toMatchObject({ format: 'outplanctl-emulator-state', version: 2 });
  });

  it('saves shortly after a change, not only on close', async () => {
    const statePath = join(dir, 'state.json');
    const emu = await emulator({ statePath });
    emu.store.seedOutplans(KEY_A, 2);
    await expect
      .poll(async () => (await readFile(statePath, 'utf8').catch(() => '')).length)
      .toBeGreaterThan(0);
    expect(JSON.parse(await readFile(statePath, 'utf8')).outplans).toHaveLength(2);
  });

  it('a missing file starts empty', async () => {
    const emu = await emulator({ statePath: join(dir, 'new.json') });
    expect(emu.store.listOutplans()).toEqual([]);
  });

  it.each([
    ['not JSON', '{"format":'],
    ['another format', '{"format":"something-else","version":1}'],
    [
      'a malformed row',
      JSON.stringify({
        format: 'outplanctl-emulator-state',
        version: 1,
        last_tick_us: 0,
        outplans: [{ id: 'x' }],
        campaigns: [],
      }),
    ],
  ])('a corrupt file (%s) is a clear error and is left untouched', async (_, content) => {
    const statePath = join(dir, 'state.json');
    await writeFile(statePath, content);
    await expect(startEmulator({ accessKeys: [KEY_A], statePath })).rejects.toThrow(
      /emulator state file .*state\.json is not valid/,
    );
    expect(await readFile(statePath, 'utf8')).toBe(content);
  });
});
