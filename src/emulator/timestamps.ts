/**
 * VoIPBIN timestamps. The emulator keeps every instant as integer microseconds since the
 * Unix epoch (exact, and well inside Number.MAX_SAFE_INTEGER) and renders it in the two
 * forms the service uses: RFC 3339 with trailing fractional zeros trimmed for objects, and
 * a fixed 6-digit fraction for `next_page_token`.
 */

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function parts(us: number): { date: string; time: string; fraction: string } {
  const ms = Math.floor(us / 1000);
  const d = new Date(ms);
  const micros = us - ms * 1000 + d.getUTCMilliseconds() * 1000;
  return {
    date: `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`,
    time: `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`,
    fraction: pad(micros, 6),
  };
}

/** `2026-01-15T09:30:00.1234Z`; no fraction at all when it is zero (Go's RFC3339Nano). */
export function formatTimestamp(us: number): string {
  const { date, time, fraction } = parts(us);
  const trimmed = fraction.replace(/0+$/, '');
  return `${date}T${time}${trimmed === '' ? '' : `.${trimmed}`}Z`;
}

/** `2026-01-15T09:30:00.123000Z`: the page-token form. */
export function formatPageToken(us: number): string {
  const { date, time, fraction } = parts(us);
  return `${date}T${time}.${fraction}Z`;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
const LEGACY = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

/**
 * Parses RFC 3339 (any fraction length, any offset) or the older
 * `2022-04-28 01:50:23.414000` form (UTC). Digits past microseconds are truncated.
 * Returns null when the text is neither.
 */
export function parseTimestamp(text: string): number | null {
  const m = RFC3339.exec(text) ?? LEGACY.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return null;
  let ms = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s));
  // Date.UTC maps years 0..99 to 1900..1999; pin the year exactly.
  const date = new Date(ms);
  date.setUTCFullYear(Number(y));
  ms = date.getTime();
  if (m[9] !== undefined) {
    const offsetMin = Number(m[10]) * 60 + Number(m[11]);
    ms -= (m[9] === '-' ? -1 : 1) * offsetMin * 60_000;
  }
  const micros = Number((frac ?? '').slice(0, 6).padEnd(6, '0'));
  return ms * 1000 + micros;
}
