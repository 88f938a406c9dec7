/**
 * Listings as consistent snapshots. VoIPBIN pages by creation time, newest first: the
 * token is the last row's `tm_create`, and a page holds rows strictly older than the
 * token that asked for it. So a listing the planner may trust has tokens that strictly
 * decrease and never repeat, no id twice, no row newer than its page's token, no token
 * that skips rows, and it ends within the caps. Anything else ends the listing with an
 * InconsistentListingError: a partial or looping listing would look like deletions (or
 * hide duplicates) to the planner, and the run must stop before any write.
 */
import { ApiError, type CallMeta } from './api-error.js';
import { malformedError, parseJson, type Redact } from './call-errors.js';
import { PAGE_SIZE } from './client-options.js';
import { cleanUntrusted } from './response-body.js';
import type { Transport } from './transport.js';
import { WireFormatError, normaliseTimestamp, parseWirePage } from './wire-mapping.js';

export interface ListingLimits {
  readonly maxItems: number;
  readonly maxPages: number;
}

export interface ListSpec<T> {
  /** e.g. `/outplans` */
  readonly path: string;
  /** e.g. `outplans`, for messages. */
  readonly label: string;
  /** Checks and maps one row; throws WireFormatError when its shape is wrong. */
  readonly parseItem: (value: unknown, at: string) => T;
}

/** The API answered pages that cannot form one listing. Exit 1; nothing is written. */
export class InconsistentListingError extends ApiError {
  constructor(
    readonly label: string,
    problem: string,
    meta: CallMeta,
  ) {
    const id = meta.requestId ? ` (request id ${meta.requestId})` : '';
    super({
      code: 'INCONSISTENT_LISTING',
      message: `The API returned an inconsistent listing of ${label}: ${problem}${id}. outplanctl does not act on a listing it cannot trust.`,
      hint: `VoIPBIN (or a proxy or cache in between) answered pages that contradict each other. Nothing was written because of this listing. Run again; if it persists, report it to VoIPBIN support${meta.requestId ? ` with request id ${meta.requestId}` : ''}, and check --api-url / VOIPBIN_API_URL.`,
      meta,
    });
    this.name = 'InconsistentListingError';
  }
}

/** A creation time as nanoseconds since the epoch, for exact comparison. */
export function instantOf(text: string): bigint | null {
  const normal = normaliseTimestamp(text);
  if (normal === undefined) return null;
  // normaliseTimestamp's form: `YYYY-MM-DDTHH:MM:SS`, then `.digits` or nothing, then `Z`.
  const seconds = Date.parse(`${normal.slice(0, 19)}Z`);
  if (Number.isNaN(seconds)) return null;
  const fraction = normal.length > 20 ? normal.slice(20, -1) : '';
  return BigInt(seconds) * 1_000_000n + BigInt(fraction.padEnd(9, '0').slice(0, 9));
}

interface Row {
  readonly id: string;
  readonly created: bigint;
}

/** The id and creation time every listed row carries, checked. */
function rowOf(value: unknown, at: string): Row {
  const raw = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (typeof raw.id !== 'string' || raw.id === '') {
    throw new WireFormatError(`${at}.id`, 'a non-empty string', typeof raw.id);
  }
  const created = typeof raw.tm_create === 'string' ? instantOf(raw.tm_create) : null;
  if (created === null)
    throw new WireFormatError(`${at}.tm_create`, 'a timestamp', 'something else');
  return { id: raw.id, created };
}

/**
 * Follows `next_page_token` until an empty page: ceil(N/100) + 1 requests for N rows.
 * Sequential by nature (each cursor comes from the previous page).
 */
export async function listAll<T>(
  transport: Transport,
  spec: ListSpec<T>,
  limits: ListingLimits,
): Promise<T[]> {
  const { label } = spec;
  const redact = transport.redact;
  const out: T[] = [];
  const seenIds = new Map<string, number>();
  const seenTokens = new Map<string, number>();
  let token = '';
  let tokenTime: bigint | null = null;
  const expected = `a page of ${label} ({"result": [...], "next_page_token": "..."})`;
  for (let page = 1; ; page++) {
    const query: Record<string, string> = { page_size: String(PAGE_SIZE) };
    if (token !== '') query.page_token = token;
    const exchange = await pageExchange(transport, spec, query, page);
    const inconsistent = (problem: string) =>
      new InconsistentListingError(label, problem, exchange.meta);
    const body = parseJson(exchange, expected, redact);
    let items: unknown[];
    let next: string;
    let oldest: bigint | null = null;
    try {
      ({ items, nextPageToken: next } = parseWirePage(body));
      for (let i = 0; i < items.length; i++) {
        const at = `result[${i}]`;
        const row = rowOf(items[i], at);
        const item = spec.parseItem(items[i], at);
        const earlier = seenIds.get(row.id);
        if (earlier !== undefined) {
          throw inconsistent(
            `id ${shown(row.id, redact)} appears twice (page ${earlier}${earlier === page ? '' : ` and page ${page}`})`,
          );
        }
        if (tokenTime !== null && row.created >= tokenTime) {
          throw inconsistent(
            `page ${page} holds ${shown(row.id, redact)}, created no earlier than the page_token ${shown(token, redact)} that asked for older rows`,
          );
        }
        seenIds.set(row.id, page);
        out.push(item);
        if (oldest === null || row.created < oldest) oldest = row.created;
        if (out.length > limits.maxItems) {
          throw inconsistent(
            `it holds more than ${limits.maxItems} rows, the limit (raise it with --max-list-items if the account really is that large)`,
          );
        }
      }
    } catch (error) {
      if (error instanceof WireFormatError) {
        throw malformedError(exchange, expected, error.message, redact);
      }
      throw error;
    }
    if (items.length === 0 || next === '') return out;
    const nextTime = instantOf(next);
    if (nextTime === null) {
      throw inconsistent(
        `page ${page}'s next_page_token ${shown(next, redact)} is not a creation time`,
      );
    }
    const repeated = seenTokens.get(next);
    if (repeated !== undefined || next === token) {
      throw inconsistent(
        `page ${page}'s next_page_token ${shown(next, redact)} repeats the token of page ${repeated ?? page - 1}`,
      );
    }
    if (tokenTime !== null && nextTime >= tokenTime) {
      throw inconsistent(
        `page ${page}'s next_page_token ${shown(next, redact)} is not older than the token before it, ${shown(token, redact)}`,
      );
    }
    if (oldest !== null && nextTime < oldest) {
      throw inconsistent(
        `page ${page}'s next_page_token ${shown(next, redact)} is older than the page's oldest row, so rows in between would be skipped`,
      );
    }
    if (page >= limits.maxPages) {
      throw inconsistent(`it did not end within ${limits.maxPages} pages, the limit`);
    }
    seenTokens.set(next, page);
    token = next;
    tokenTime = nextTime;
  }
}

function shown(text: string, redact: Redact): string {
  return JSON.stringify(cleanUntrusted(redact(text), 60));
}

async function pageExchange<T>(
  transport: Transport,
  spec: ListSpec<T>,
  query: Record<string, string>,
  page: number,
): Promise<{ status: number; text: string; meta: CallMeta }> {
  try {
    const exchange = await transport.exchange(
      { method: 'GET', path: spec.path, query, listing: true },
      'idempotent',
    );
    if (exchange.outcome !== 'ok') throw new Error('unreachable: GET is never ambiguous');
    return exchange;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // Fail closed: a partial listing would look like deletions to the planner.
    throw new ApiError({
      code: error.code,
      message: `Listing ${spec.label} failed on page ${page}; no partial listing is used. ${error.message}`,
      hint: error.hint,
      meta: error.meta,
      reason: error.reason,
      requestId: error.requestId,
      cause: error,
    });
  }
}
