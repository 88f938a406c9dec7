/**
 * Seeding: turning the partial rows a test (or the bench, or `--number`) hands the store
 * into full records. Missing fields get the API's zero values; seeded timestamps may be a
 * `Date` (rendered in the current wire format) or a string in either wire format, kept
 * verbatim, so a test can serve the older `2022-04-28 01:50:23.414000` form too.
 */
import type { WireOutplan } from '../model/wire.js';
import type { MicrosClock } from './clock.js';
import { newId } from './ids.js';
import {
  outplanRecord,
  outplanValues,
  type OutplanRecord,
  type RenderedCampaign,
} from './records.js';
import { formatTimestamp, parseTimestamp } from './timestamps.js';

export type SeedTime = Date | string;

/** The three timestamps every row has; each optional when seeding. */
export interface SeedTimes {
  tm_create?: SeedTime;
  tm_update?: SeedTime | null;
  tm_delete?: SeedTime | null;
}

/** A row to seed: any wire field; missing ones get the API's zero values. */
export type SeedOutplan = Partial<
  Omit<WireOutplan, 'customer_id' | 'tm_create' | 'tm_update' | 'tm_delete'>
> &
  SeedTimes;

export type SeedCampaign = Partial<
  Omit<RenderedCampaign, 'customer_id' | 'tm_create' | 'tm_update' | 'tm_delete'>
> &
  SeedTimes;

export interface ResolvedTimes {
  /** tm_create in microseconds: the row's sort key. */
  readonly createdUs: number;
  readonly tm: { tm_create: string; tm_update: string | null; tm_delete: string | null };
}

/**
 * A seed's timestamps on the wire. Without `tm_create` the row gets a fresh tick of the
 * clock; a given one is remembered by the clock so later writes sort after it.
 */
export function resolveSeedTimes(clock: MicrosClock, seed: SeedTimes): ResolvedTimes {
  const createdUs =
    seed.tm_create === undefined ? clock.tick() : observedTime(clock, wireTime(seed.tm_create));
  return {
    createdUs,
    tm: {
      tm_create:
        seed.tm_create === undefined ? formatTimestamp(createdUs) : wireTime(seed.tm_create),
      tm_update: seed.tm_update == null ? null : wireTime(seed.tm_update),
      tm_delete: seed.tm_delete == null ? null : wireTime(seed.tm_delete),
    },
  };
}

/** Parses a stored timestamp and lets the clock know it exists; throws if it is none. */
export function observedTime(clock: MicrosClock, text: string): number {
  const us = parseTimestamp(text);
  if (us === null) throw new Error(`not a timestamp: ${JSON.stringify(text)}`);
  clock.observe(us);
  return us;
}

/** A Date becomes the current wire format; a string is kept verbatim (either format). */
export function wireTime(value: SeedTime): string {
  if (typeof value !== 'string') return formatTimestamp(value.getTime() * 1000);
  if (parseTimestamp(value) === null) throw new Error(`not a timestamp: ${JSON.stringify(value)}`);
  return value;
}

export function outplanFromSeed(
  seed: SeedOutplan,
  customerId: string,
  tm: ResolvedTimes['tm'],
): OutplanRecord {
  return outplanRecord({
    id: seed.id?.toLowerCase() ?? newId(),
    customer_id: customerId,
    ...outplanValues(seed as Readonly<Record<string, unknown>>),
    ...tm,
  });
}

/** `outplan-00001`, … with realistic dial info: what `seedOutplans(key, n)` makes. */
export function generatedOutplans(n: number): SeedOutplan[] {
  const width = Math.max(5, String(n).length);
  return Array.from({ length: n }, (_, i) => ({
    name: `outplan-${String(i + 1).padStart(width, '0')}`,
    detail: `seeded outplan ${i + 1}`,
    source: { type: 'tel', target: `+1555${String(i % 10_000_000).padStart(7, '0')}` },
    dial_timeout: 30_000,
    try_interval: 600_000,
    max_try_count_0: 3,
    max_try_count_1: 3,
    max_try_count_2: 3,
    max_try_count_3: 3,
    max_try_count_4: 3,
  }));
}
