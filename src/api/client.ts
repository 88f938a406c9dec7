/**
 * The VoIPBIN outplan client: the five outplan operations and the campaign listing, over
 * a paced, retrying, redacting transport. Listings fail closed; creates never duplicate.
 */
import { displayName } from '../model/display.js';
import type { Dispatcher } from 'undici';
import type { Campaign } from '../model/campaign.js';
import {
  changedFields,
  type DialInfoField,
  type LiveOutplan,
  type OutplanFields,
} from '../model/outplan.js';
import { ApiError, type CallMeta } from './api-error.js';
import { checkBaseUrl } from './base-url.js';
import type { ClientEvent } from './client-event.js';
import type { Credential } from './credential.js';
import { Transport, type ApiRequest, type Exchange } from './transport.js';
import {
  WireFormatError,
  parseWireCampaign,
  parseWireOutplan,
  parseWirePage,
  toWireBasic,
  toWireCreate,
  toWireDialInfo,
} from './wire-mapping.js';

export interface ClientOptions {
  /** e.g. https://api.voipbin.net/v1.0 or http://127.0.0.1:1234/v1.0 */
  baseUrl: string;
  credential: Credential;
  /** Injectable (MockAgent in tests); default: one keep-alive undici Agent per client. */
  dispatcher?: Dispatcher;
  /** Requests per second for all requests of this client; default 15. Infinity: no pacing. */
  rate?: number;
  /** Bucket size; default twice the rate (30), capped at 30 when the rate is higher. */
  burst?: number;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** HTTP attempts per idempotent call; default 5. */
  maxAttempts?: number;
  /**
   * POSTs per create, the first included; default 2 (at most one more). A POST is repeated
   * only after every re-list (`createRecheckDelaysMs`) failed to find the outplan.
   */
  maxCreateAttempts?: number;
  /**
   * After a create whose outcome is unknown (5xx, reset, timeout): wait this long before
   * each re-list looking for it; default [1000, 2000, 4000], i.e. re-lists ~1 s, ~3 s and
   * ~7 s after the failure. VoIPBIN's reads may briefly lag a write, so one early
   * listing is not proof that nothing was created.
   */
  createRecheckDelaysMs?: readonly number[];
  /** Longest Retry-After worth waiting for; default 60 s. */
  maxRetryAfterMs?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Monotonic milliseconds, for pacing and durations; default performance.now. */
  now?: () => number;
  /** Epoch milliseconds, for a Retry-After HTTP date; default Date.now. */
  wallClock?: () => number;
  userAgent?: string;
  /** Request/response/retry events with redacted URLs, for --debug traces and audit. */
  onEvent?: (event: ClientEvent) => void;
}

export const DEFAULT_RATE = 15;
export const DEFAULT_CREATE_RECHECK_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000];
export const PAGE_SIZE = 100;

const defaultSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

export class VoipbinClient {
  private readonly transport: Transport;
  private readonly maxCreateAttempts: number;
  private readonly recheckDelaysMs: readonly number[];
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  /** Ids this client created or adopted: never adopted (again) for another create. */
  private readonly claimed = new Set<string>();

  constructor(options: ClientOptions) {
    const rate = options.rate ?? DEFAULT_RATE;
    if (!(rate > 0)) throw new RangeError(`rate must be positive, got ${rate}`);
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? defaultSleep;
    this.now = options.now ?? (() => performance.now());
    this.maxCreateAttempts = options.maxCreateAttempts ?? 2;
    if (!(Number.isInteger(this.maxCreateAttempts) && this.maxCreateAttempts >= 1))
      throw new RangeError(`maxCreateAttempts must be an integer >= 1`);
    this.recheckDelaysMs = options.createRecheckDelaysMs ?? DEFAULT_CREATE_RECHECK_DELAYS_MS;
    if (this.recheckDelaysMs.length === 0 || !this.recheckDelaysMs.every((ms) => ms >= 0))
      throw new RangeError('createRecheckDelaysMs must hold at least one delay, each >= 0');
    this.transport = new Transport({
      baseUrl: checkBaseUrl(options.baseUrl, [options.credential.value]),
      credential: options.credential,
      dispatcher: options.dispatcher,
      rate,
      burst: options.burst ?? Math.min(30, Math.max(1, Math.floor(rate * 2))),
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      headersTimeoutMs: options.headersTimeoutMs ?? 30_000,
      bodyTimeoutMs: options.bodyTimeoutMs ?? 30_000,
      maxAttempts: options.maxAttempts ?? 5,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
      random: this.random,
      sleep: this.sleep,
      now: this.now,
      wallClock: options.wallClock ?? Date.now,
      userAgent: options.userAgent ?? 'outplanctl',
      onEvent: options.onEvent,
    });
  }

  /** HTTP requests sent so far (every attempt, every page). */
  get requestCount(): number {
    return this.transport.requestCount;
  }

  /** Every live outplan: all pages, deleted ones dropped. Any failed page fails it all. */
  async listOutplans(): Promise<LiveOutplan[]> {
    const rows = await this.listAll('/outplans', 'outplans', parseWireOutplan);
    return rows.filter((outplan) => outplan.tmDelete === null);
  }

  /** Every live campaign (deleted ones dropped; nil outplan id -> null). */
  async listCampaigns(): Promise<Campaign[]> {
    const rows = await this.listAll('/campaigns', 'campaigns', parseWireCampaign);
    return rows.filter((row) => !row.deleted).map((row) => row.campaign);
  }

  /**
   * POST, never blindly repeated. After an ambiguous failure (5xx, reset, timeout) the
   * outplan may exist anyway, and reads may lag the write: re-list several times, spread
   * over seconds (`createRecheckDelaysMs`), and adopt one with these exact fields that
   * was not there before (`knownIds`) and that this client has not claimed. Only when
   * every re-list missed it is the POST repeated, up to `maxCreateAttempts` POSTs.
   */
  async createOutplan(
    fields: OutplanFields,
    opts: { knownIds: ReadonlySet<string> },
  ): Promise<{ outplan: LiveOutplan; meta: CallMeta }> {
    const started = this.now();
    let posts = 0;
    for (let round = 1; ; round++) {
      const exchange = await this.transport.exchange(
        { method: 'POST', path: '/outplans', body: toWireCreate(fields) },
        'create',
      );
      if (exchange.outcome !== 'ambiguous') {
        const result = this.outplanFrom(exchange, 'the created outplan');
        posts += result.meta.attempts;
        this.claimed.add(result.outplan.id);
        return { outplan: result.outplan, meta: this.total(result.meta, posts, started) };
      }
      const { error } = exchange;
      posts += error.meta.attempts;
      this.transport.emit({ type: 'create-ambiguous', name: fields.name, reason: error.code });
      const meta = this.total(error.meta, posts, started);
      const found = await this.recheck(fields, opts.knownIds, error, meta);
      if (found) {
        this.claimed.add(found.id);
        this.transport.emit({ type: 'create-adopted', name: fields.name, id: found.id });
        return {
          outplan: found,
          meta: { ...this.total(error.meta, posts, started), adopted: true },
        };
      }
      this.transport.emit({ type: 'create-not-found', name: fields.name, attempt: round });
      if (round >= this.maxCreateAttempts) {
        const lists = this.recheckDelaysMs.length;
        const seconds = Math.round(this.recheckDelaysMs.reduce((a, b) => a + b, 0) / 1000);
        throw new ApiError({
          code: error.code,
          message: `${error.message}. Creating ${displayName(fields.name)} failed ${round} time(s); ${lists} listing(s) over ~${seconds} s after each failure did not show it.`,
          hint: `${error.hint ?? ''} ${NEXT_PLAN_SHOWS}`.trim(),
          meta: this.total(error.meta, posts, started),
          reason: error.reason,
          requestId: error.requestId,
          cause: error,
        });
      }
    }
  }

  /** `PUT /outplans/{id}`: always the complete basic group (name and detail). */
  async updateBasic(
    id: string,
    fields: Pick<OutplanFields, 'name' | 'detail'>,
  ): Promise<{ outplan: LiveOutplan; meta: CallMeta }> {
    return this.put({ method: 'PUT', path: `/outplans/${enc(id)}`, body: toWireBasic(fields) });
  }

  /** `PUT /outplans/{id}/dial_info`: always source and all seven numbers. */
  async updateDialInfo(
    id: string,
    fields: Pick<OutplanFields, DialInfoField>,
  ): Promise<{ outplan: LiveOutplan; meta: CallMeta }> {
    return this.put({
      method: 'PUT',
      path: `/outplans/${enc(id)}/dial_info`,
      body: toWireDialInfo(fields),
    });
  }

  /** Soft delete. A 404 OUTPLAN_NOT_FOUND on a retry after a lost answer: the first landed. */
  async deleteOutplan(id: string): Promise<{ meta: CallMeta }> {
    const exchange = await this.transport.exchange(
      { method: 'DELETE', path: `/outplans/${enc(id)}` },
      'idempotent',
    );
    if (exchange.outcome === 'ambiguous') throw exchange.error;
    return { meta: exchange.meta };
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  private async put(request: ApiRequest): Promise<{ outplan: LiveOutplan; meta: CallMeta }> {
    const exchange = await this.transport.exchange(request, 'idempotent');
    return this.outplanFrom(exchange, 'the updated outplan');
  }

  private outplanFrom(exchange: Exchange, what: string): { outplan: LiveOutplan; meta: CallMeta } {
    if (exchange.outcome === 'ambiguous') throw exchange.error;
    if (exchange.outcome === 'gone') {
      throw this.transport.malformed({ status: 404, meta: exchange.meta }, what, 'got 404');
    }
    const expected = `${what} as a JSON object`;
    const body = this.transport.parseJson(exchange, expected);
    try {
      return { outplan: parseWireOutplan(body), meta: exchange.meta };
    } catch (error) {
      throw this.wireError(exchange, expected, error);
    }
  }

  /** Re-lists after each delay; the first adoptable match ends it. */
  private async recheck(
    fields: OutplanFields,
    knownIds: ReadonlySet<string>,
    createError: ApiError,
    meta: CallMeta,
  ): Promise<LiveOutplan | undefined> {
    for (const delay of this.recheckDelaysMs) {
      await this.sleep(delay);
      const found = await this.findAdoptable(fields, knownIds, createError, meta);
      if (found) return found;
    }
    return undefined;
  }

  private async findAdoptable(
    fields: OutplanFields,
    knownIds: ReadonlySet<string>,
    createError: ApiError,
    meta: CallMeta,
  ): Promise<LiveOutplan | undefined> {
    let live: LiveOutplan[];
    try {
      live = await this.listOutplans();
    } catch (error) {
      // Creating again could duplicate it, adopting nothing could leave it behind.
      throw new ApiError({
        code: 'CREATE_OUTCOME_UNKNOWN',
        message: `${createError.message}. The create may have succeeded, and listing outplans to check failed too, so ${displayName(fields.name)} may or may not exist now.`,
        hint: `Nothing more was created. ${NEXT_PLAN_SHOWS}`,
        meta,
        reason: createError.reason,
        requestId: createError.requestId,
        cause: error,
      });
    }
    // Newest first, as listed: the likeliest match is the one just written.
    return live.find(
      (outplan) =>
        !knownIds.has(outplan.id) &&
        !this.claimed.has(outplan.id) &&
        changedFields(outplan.fields, fields).length === 0,
    );
  }

  /**
   * Follows `next_page_token` until an empty page: ceil(N/100) + 1 requests for N rows.
   * Sequential by nature (each cursor comes from the previous page).
   */
  private async listAll<T>(
    path: string,
    label: string,
    parseItem: (value: unknown, at: string) => T,
  ): Promise<T[]> {
    const out: T[] = [];
    let token = '';
    for (let page = 1; ; page++) {
      const query: Record<string, string> = { page_size: String(PAGE_SIZE) };
      if (token !== '') query.page_token = token;
      const exchange = await this.pageExchange({ method: 'GET', path, query }, label, page);
      const expected = `a page of ${label} ({"result": [...], "next_page_token": "..."})`;
      const body = this.transport.parseJson(exchange, expected);
      let items: unknown[];
      let next: string;
      try {
        ({ items, nextPageToken: next } = parseWirePage(body));
        for (let i = 0; i < items.length; i++) out.push(parseItem(items[i], `result[${i}]`));
      } catch (error) {
        throw this.wireError(exchange, expected, error);
      }
      if (items.length === 0 || next === '') return out;
      if (next === token) {
        throw this.transport.malformed(exchange, expected, 'next_page_token did not advance');
      }
      token = next;
    }
  }

  private async pageExchange(
    request: ApiRequest,
    label: string,
    page: number,
  ): Promise<{ status: number; text: string; meta: CallMeta }> {
    try {
      const exchange = await this.transport.exchange(request, 'idempotent');
      if (exchange.outcome !== 'ok') throw new Error('unreachable: GET is never ambiguous');
      return exchange;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // Fail closed: a partial listing would look like deletions to the planner.
      throw new ApiError({
        code: error.code,
        message: `Listing ${label} failed on page ${page}; no partial listing is used. ${error.message}`,
        hint: error.hint,
        meta: error.meta,
        reason: error.reason,
        requestId: error.requestId,
        cause: error,
      });
    }
  }

  private wireError(
    exchange: { status: number; meta: CallMeta },
    expected: string,
    error: unknown,
  ): ApiError {
    if (error instanceof WireFormatError) {
      return this.transport.malformed(exchange, expected, error.message);
    }
    throw error;
  }

  private total(meta: CallMeta, attempts: number, started: number): CallMeta {
    return { ...meta, attempts, durationMs: Math.round(this.now() - started) };
  }
}

// VoIPBIN's reads can lag a write by seconds: an immediate plan could still miss it.
const NEXT_PLAN_SHOWS =
  'Wait a few seconds (VoIPBIN can be slow to list a new outplan), then run `outplanctl plan` before applying again: it matches outplans by name, so it shows whether the outplan exists (and any duplicate).';

function enc(id: string): string {
  return encodeURIComponent(id);
}
