/**
 * How numbers get into the emulator and change while it runs: the store's test API, the
 * `numbers` option (`--number` syntax) and the state file.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NumberSpecError, parseNumberSpec, startEmulator } from '../../src/emulator/index.js';
import { KEY_A, KEY_B, call, emulator, expectError } from './helpers.js';

describe('changing numbers while the emulator runs', () => {
  it('a number released between two listings disappears from the list and its get is 404', async () => {
    const emu = await emulator();
    const kept = emu.store.seedNumber(KEY_A, { number: '+15550001111' });
    const released = emu.store.seedNumber(KEY_A, { number: '+15550002222' });
    expect((await call(emu, 'GET', '/numbers')).json.result).toHaveLength(2);

    const gone = emu.store.deleteNumber('+15550002222');
    expect(gone).toMatchObject({ id: released.id, status: 'deleted' });
    expect(gone.tm_delete).not.toBeNull();
    expect(gone.tm_update).toBe(gone.tm_delete);

    const after = (await call(emu, 'GET', '/numbers')).json.result;
    expect(after.map((n: { id: string }) => n.id)).toEqual([kept.id]);
    expectError(
      await call(emu, 'GET', `/numbers/${released.id}`),
      404,
      'NOT_FOUND',
      'RESOURCE_NOT_FOUND',
    );
    expect(emu.store.listNumbers(KEY_A)).toHaveLength(1);
    expect(emu.store.listNumbers(KEY_A, { includeDeleted: true })).toHaveLength(2);
    expect(emu.store.getNumber(released.id)).toMatchObject({ status: 'deleted' });
    // Released, the number can be bought again (by anyone).
    expect(emu.store.seedNumber(KEY_B, { number: '+15550002222' }).id).not.toBe(released.id);
  });

  it('setNumberStatus changes what the API shows and bumps tm_update; "deleted" releases', async () => {
    const emu = await emulator();
    const n = emu.store.seedNumber(KEY_A, { number: '+15550001111' });
    expect(n.tm_update).toBeNull();
    emu.store.setNumberStatus(n.id, 'inactive');
    const got = (await call(emu, 'GET', `/numbers/${n.id}`)).json;
    expect(got).toMatchObject({ status: 'inactive' });
    expect(got.tm_update).not.toBeNull();
    emu.store.setNumberStatus('+15550001111', 'deleted');
    expect((await call(emu, 'GET', '/numbers')).json.result).toEqual([]);
  });

  it('refuses what the service would not have: a live number twice, changes to unknown or deleted ones', async () => {
    const emu = await emulator();
    const n = emu.store.seedNumber(KEY_A, { number: '+15550001111' });
    expect(() => emu.store.seedNumber(KEY_B, { number: '+15550001111' })).toThrow(/already a live/);
    expect(() => emu.store.deleteNumber('+15559999999')).toThrow(/no number/);
    emu.store.deleteNumber(n.id);
    expect(() => emu.store.setNumberStatus(n.id, 'active')).toThrow(/deleted/);
    expect(() => emu.store.seedNumber('vb_unknown')).toThrow();
  });

  it('seeds are zero-filled, fresh numbers unique, and hand out copies', async () => {
    const emu = await emulator();
    const a = emu.store.seedNumber(KEY_A);
    const b = emu.store.seedNumber(KEY_A, { type: 'virtual' });
    expect(a.number).toMatch(/^\+1555\d{7}$/);
    expect(b.number).toMatch(/^\+899\d{9}$/);
    const copy = emu.store.listNumbers(KEY_A)[0]!;
    (copy as { status: string }).status = 'mutated';
    expect(emu.store.getNumber(copy.id)!.status).toBe('active');
    emu.store.clear();
    expect(emu.store.listNumbers()).toEqual([]);
  });
});

describe('the numbers option (--number syntax)', () => {
  it.each([
    ['+15551234567', { number: '+15551234567', status: 'active', type: 'normal', customer: 1 }],
    ['+15551234567:port_pending', { status: 'port_pending', type: 'normal' }],
    ['+899123456789:virtual', { status: 'active', type: 'virtual' }],
    ['+899123456789:inactive:virtual@2', { status: 'inactive', type: 'virtual', customer: 2 }],
    ['+15551234567:normal:active', { status: 'active', type: 'normal' }],
  ])('parses %s', (text, expected) => {
    expect(parseNumberSpec(text)).toMatchObject(expected);
  });

  it.each([
    ['15551234567', /E\.164/],
    ['+1555', /E\.164/],
    ['+15551234567:deleted', /deleted/],
    ['+15551234567:virtual', /virtual but not \+899/],
    ['+15551234567:a:b', /bad part/],
    ['+15551234567:a:b:c', /too many/],
    ['+15551234567@0', /@CUSTOMER/],
    ['+15551234567@x', /@CUSTOMER/],
    ['+15551234567:', /bad part/],
  ])('refuses %s', (text, message) => {
    expect(() => parseNumberSpec(text)).toThrow(NumberSpecError);
    expect(() => parseNumberSpec(text)).toThrow(message);
  });

  it('seeds numbers for the customer named by @N, listed at once', async () => {
    const emu = await emulator({
      numbers: [
        '+15550001111',
        '+15550002222:port_pending',
        '+899123456789:virtual',
        '+15550003333@2',
      ],
    });
    const mine = (await call(emu, 'GET', '/numbers')).json.result;
    expect(
      mine.map((n: { number: string; status: string; type: string }) => [
        n.number,
        n.status,
        n.type,
      ]),
    ).toEqual([
      ['+899123456789', 'active', 'virtual'],
      ['+15550002222', 'port_pending', 'normal'],
      ['+15550001111', 'active', 'normal'],
    ]);
    const theirs = (await call(emu, 'GET', '/numbers', { key: KEY_B })).json.result;
    expect(theirs.map((n: { number: string }) => n.number)).toEqual(['+15550003333']);
  });

  it.each([
    [['+15550001111@3'], /only 2 customer/],
    [['+15550001111', '+15550001111:inactive'], /twice/],
    [['nonsense'], /E\.164/],
  ])('refuses %j before listening', async (numbers, message) => {
    await expect(startEmulator({ accessKeys: [KEY_A, KEY_B], numbers })).rejects.toThrow(message);
  });
});

describe('numbers in the state file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'outplanctl-emu-numbers-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('persists numbers, deleted ones too, and restores them as served before', async () => {
    const statePath = join(dir, 'numbers.json');
    const first = await startEmulator({ accessKeys: [KEY_A], statePath });
    const kept = first.store.seedNumber(KEY_A, { number: '+15550001111', name: 'x' });
    const gone = first.store.seedNumber(KEY_A, { number: '+15550002222' });
    first.store.deleteNumber(gone.id);
    await first.close();
    const file = JSON.parse(await readFile(statePath, 'utf8'));
    expect(file.version).toBe(2);
    expect(file.numbers).toHaveLength(2);

    const second = await emulator({ accessKeys: [KEY_A], statePath });
    expect((await call(second, 'GET', '/numbers')).json.result).toEqual([kept]);
    expectError(
      await call(second, 'GET', `/numbers/${gone.id}`),
      404,
      'NOT_FOUND',
      'RESOURCE_NOT_FOUND',
    );
  });

  it('a restart with the same --number flags updates instead of duplicating', async () => {
    const statePath = join(dir, 'restart.json');
    const first = await startEmulator({
      accessKeys: [KEY_A],
      statePath,
      numbers: ['+15550001111'],
    });
    const before = first.store.listNumbers(KEY_A);
    await first.close();
    const second = await emulator({
      accessKeys: [KEY_A],
      statePath,
      numbers: ['+15550001111:inactive'],
    });
    const after = second.store.listNumbers(KEY_A);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: before[0]!.id, status: 'inactive' });
  });

  it("refuses a --number that another customer's live row holds", async () => {
    const statePath = join(dir, 'taken.json');
    const first = await startEmulator({ accessKeys: [KEY_A, KEY_B], statePath });
    first.store.seedNumber(KEY_B, { number: '+15550001111' });
    await first.close();
    await expect(
      startEmulator({ accessKeys: [KEY_A, KEY_B], statePath, numbers: ['+15550001111'] }),
    ).rejects.toThrow(/another customer/);
  });

  it('still loads a version 1 file (no numbers), and refuses a number live twice', async () => {
    const v1 = join(dir, 'v1.json');
    await writeFile(
      v1,
      JSON.stringify({
        format: 'outplanctl-emulator-state',
        version: 1,
        last_tick_us: 0,
        outplans: [],
        campaigns: [],
      }),
    );
    const emu = await emulator({ statePath: v1 });
    expect(emu.store.listNumbers()).toEqual([]);

    const twice = join(dir, 'twice.json');
    const source = await startEmulator({ accessKeys: [KEY_A], statePath: twice });
    source.store.seedNumber(KEY_A, { number: '+15550001111' });
    await source.close();
    const file = JSON.parse(await readFile(twice, 'utf8'));
    file.numbers.push({ ...file.numbers[0], id: '11111111-2222-4333-8444-555555555555' });
    await writeFile(twice, JSON.stringify(file));
    await expect(startEmulator({ accessKeys: [KEY_A], statePath: twice })).rejects.toThrow(
      /numbers\[1\]\.number is live twice/,
    );
  });
});
