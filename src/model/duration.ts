/**
 * Human durations for the two millisecond fields of an outplan.
 *
 * VoIPBIN stores dial_timeout and try_interval as integer milliseconds, and the commonest
 * mistake with its API is sending seconds. Config files therefore always carry a unit;
 * plans and exports turn milliseconds back into the canonical human form, and the two
 * directions round-trip exactly.
 */

/** The API stores these fields as signed 32-bit integers. */
export const MAX_DURATION_MS = 2_147_483_647;

const UNITS = [
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
  ['ms', 1],
] as const;

// Units in descending order, each at most once: 1h30m, 1m30s, 500ms, 2h0m15s.
const DURATION_PATTERN = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/;

export type DurationParse =
  { ok: true; ms: number } | { ok: false; reason: 'syntax' | 'zero' | 'too-large' };

export function parseDuration(text: string): DurationParse {
  const match = DURATION_PATTERN.exec(text);
  if (!match || text === '') return { ok: false, reason: 'syntax' };
  let ms = 0;
  for (let i = 0; i < UNITS.length; i++) {
    const digits = match[i + 1];
    if (digits !== undefined) ms += Number(digits) * UNITS[i]![1];
  }
  if (ms === 0) return { ok: false, reason: 'zero' };
  if (!Number.isSafeInteger(ms) || ms > MAX_DURATION_MS) return { ok: false, reason: 'too-large' };
  return { ok: true, ms };
}

/** The canonical human form: largest units first, zero parts left out (5400000 → "1h30m"). */
export function formatDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms <= 0) return `${ms}ms`;
  let rest = ms;
  let out = '';
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out;
}
