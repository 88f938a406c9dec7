/**
 * The races issue 10's end-to-end tests reproduce with the built CLI, pinned here at the
 * HTTP level: VoIPBIN has no lock and its list reads can lag, so two writers (or a crashed
 * run and its re-run) both create what they did not see.
 */
import { describe, expect, it } from 'vitest';
import { KEY_A, call, emulator, outplanBody } from './helpers.js';

type Emu = Awaited<ReturnType<typeof emulator>>;
const NAMES = ['a', 'b', 'c', 'd', 'e'];

const liveNames = async (emu: Emu) =>
  ((await call(emu, 'GET', '/outplans')).json.result as { name: string; tm_delete: null }[])
    .filter((o) => o.tm_delete === null)
    .map((o) => o.name)
    .sort();

/** What a naive apply does: list, then create every declared name it did not see. */
async function naiveApply(emu: Emu, names: readonly string[], stopAfter = Infinity) {
  const seen = new Set(await liveNames(emu));
  let created = 0;
  for (const name of names) {
    if (seen.has(name)) continue;
    if (created === stopAfter) return created; // "crashed"
    await call(emu, 'POST', '/outplans', { body: outplanBody({ name }) });
    created++;
  }
  return created;
}

describe('races the emulator reproduces', () => {
  it('a crash then an immediate re-run under read lag creates duplicates, visible once the lag passes', async () => {
    let now = Date.parse('2026-01-15T09:30:00Z');
    const emu = await emulator({ readLagMs: 3000, now: () => new Date(now) });
    expect(await naiveApply(emu, NAMES, 3)).toBe(3); // crashed after three creates
    now += 500; // re-run at once: the three creates are younger than the lag
    expect(await liveNames(emu)).toEqual([]);
    expect(await naiveApply(emu, NAMES)).toBe(5);
    now += 3100; // every create is now older than the lag
    expect(await liveNames(emu)).toEqual(['a', 'a', 'b', 'b', 'c', 'c', 'd', 'e']);
    expect(emu.store.listOutplans(KEY_A)).toHaveLength(8);
  });

  it('two applies at once both see an empty account and both create everything', async () => {
    const emu = await emulator({ latencyMs: 20 });
    // Both list before either creates (latency widens the window, as a real network does).
    const [first, second] = await Promise.all([naiveApply(emu, NAMES), naiveApply(emu, NAMES)]);
    expect(first + second).toBe(10);
    expect(await liveNames(emu)).toEqual(NAMES.flatMap((n) => [n, n]));
  });
});
