/**
 * List pagination, identical for outplans and campaigns: newest first, `page_size`
 * defaulting to and capped at 100, `page_token` a creation-time cursor (rows strictly
 * older than it), `next_page_token` the last row's tm_create with a 6-digit fraction, and
 * an empty page with an empty token at the end.
 */
import type { WirePage } from '../model/wire.js';
import { ApiFailureError, failures } from './api-errors.js';
import type { Entry } from './table.js';
import { formatPageToken, parseTimestamp } from './timestamps.js';

export const MAX_PAGE_SIZE = 100;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export interface PageRequest {
  readonly size: number;
  readonly beforeUs: number;
}

export function parsePageRequest(query: URLSearchParams, nowUs: number): PageRequest {
  return {
    size: parsePageSize(query.get('page_size')),
    beforeUs: parsePageToken(query.get('page_token'), nowUs),
  };
}

function parsePageSize(text: string | null): number {
  if (text === null || text === '') return MAX_PAGE_SIZE;
  // Parsed like Go's strconv.ParseInt: optional sign, digits, must fit in 64 bits.
  if (!/^[+-]?\d+$/.test(text)) throw new ApiFailureError(failures.invalidPageSize());
  const n = BigInt(text);
  if (n < INT64_MIN || n > INT64_MAX) throw new ApiFailureError(failures.invalidPageSize());
  return n <= 0n || n > BigInt(MAX_PAGE_SIZE) ? MAX_PAGE_SIZE : Number(n);
}

function parsePageToken(text: string | null, nowUs: number): number {
  if (text === null || text === '') return nowUs;
  const us = parseTimestamp(text);
  if (us === null) throw new ApiFailureError(failures.invalidPageToken());
  return us;
}

export function toPage<R, W>(entries: ReadonlyArray<Entry<R>>, render: (row: R) => W): WirePage<W> {
  const last = entries[entries.length - 1];
  return {
    result: entries.map((e) => render(e.row)),
    next_page_token: last === undefined ? '' : formatPageToken(last.createdUs),
  };
}
