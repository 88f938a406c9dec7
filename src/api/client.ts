/**
 * The VoIPBIN client: the outplan operations and the campaign and number listings, over a
 * paced, retrying, redacting transport. Listings are consistent snapshots or errors
 * (`listing.ts`); creates never duplicate (`create.ts`).
 */
import type { Campaign } from '../model/campaign.js';
import type { AccountNumber } from '../model/number.js';
import type { DialInfoField, LiveOutplan, OutplanFields } from '../model/outplan.js';
import type { CallMeta } from './api-error.js';
import { checkBaseUrl } from './base-url.js';
import { malformedError, parseJson } from './call-errors.js';
import { resolveOptions, type ClientOptions, type ResolvedOptions } from './client-options.js';
import { createWithoutDuplicates } from './create.js';
import { listAll, type ListSpec } from './listing.js';
import { PATHS } from './paths.js';
import type { ApiRequest } from './request-target.js';
import { Transport, type Exchange } from './transport.js';
import { userinfoOf } from './secrets.js';
import { parseWireNumber } from './wire-number.js';
import {
  WireFormatError,
  parseWireCampaign,
  parseWireOutplan,
  toWireBasic,
  toWireCreate,
  toWireDialInfo,
} from './wire-mapping.js';

export {
  DEFAULT_CREATE_RECHECK_DELAYS_MS,
  DEFAULT_RATE,
  PAGE_SIZE,
  type ClientOptions,
} from './client-options.js';

const OUTPLANS: ListSpec<LiveOutplan> = {
  path: PATHS.outplans,
  label: 'outplans',
  parseItem: parseWireOutplan,
};
const CAMPAIGNS: ListSpec<ReturnType<typeof parseWireCampaign>> = {
  path: PATHS.campaigns,
  label: 'campaigns',
  parseItem: parseWireCampaign,
};
const NUMBERS: ListSpec<ReturnType<typeof parseWireNumber>> = {
  path: PATHS.numbers,
  label: 'numbers',
  parseItem: parseWireNumber,
};

export class VoipbinClient {
  private readonly transport: Transport;
  private readonly options: ResolvedOptions;
  /** Ids this client created or adopted: never adopted (again) for another create. */
  private readonly claimed = new Set<string>();

  constructor(options: ClientOptions) {
    this.options = resolveOptions(options);
    const proxies = [options.proxy?.http?.url, options.proxy?.https?.url];
    const secrets = [options.credential.value, ...proxies.flatMap((url) => userinfoOf(url))];
    this.transport = new Transport(
      checkBaseUrl(options.baseUrl, [options.credential.value]),
      this.options,
      secrets,
    );
  }

  /** HTTP requests sent so far (every attempt, every page). */
  get requestCount(): number {
    return this.transport.requestCount;
  }

  /** Every live outplan: all pages, deleted ones dropped. Any failed page fails it all. */
  async listOutplans(): Promise<LiveOutplan[]> {
    const rows = await listAll(this.transport, OUTPLANS, this.limits());
    return rows.filter((outplan) => outplan.tmDelete === null);
  }

  /** Every live campaign (deleted ones dropped; nil outplan id -> null). */
  async listCampaigns(): Promise<Campaign[]> {
    const rows = await listAll(this.transport, CAMPAIGNS, this.limits());
    return rows.filter((row) => !row.deleted).map((row) => row.campaign);
  }

  /**
   * Every number of the account (`GET /numbers`), as the caller-ID check needs them. The
   * server lists only the caller's customer's live numbers; a deleted one is dropped in
   * case it shows anyway. Throws an ApiError (403 for a token that may not list numbers)
   * or an InconsistentListingError, never returns a partial list.
   */
  async listNumbers(): Promise<AccountNumber[]> {
    const rows = await listAll(this.transport, NUMBERS, this.limits());
    return rows.filter((row) => !row.deleted).map((row) => row.number);
  }

  /**
   * POST, never blindly repeated: see `create.ts`. `knownIds` are the outplans listed
   * before the run; a match among them is never adopted as the new one.
   */
  async createOutplan(
    fields: OutplanFields,
    opts: { knownIds: ReadonlySet<string> },
  ): Promise<{ outplan: LiveOutplan; meta: CallMeta }> {
    const post = async () => {
      const exchange = await this.transport.exchange(
        { method: 'POST', path: PATHS.outplans, body: toWireCreate(fields) },
        'create',
      );
      if (exchange.outcome === 'ambiguous') return exchange;
      return { outcome: 'created' as const, ...this.outplanFrom(exchange, 'the created outplan') };
    };
    return createWithoutDuplicates(
      {
        transport: this.transport,
        post,
        listOutplans: () => this.listOutplans(),
        now: this.options.now,
        maxCreateAttempts: this.options.maxCreateAttempts,
        recheckDelaysMs: this.options.createRecheckDelaysMs,
        claimed: this.claimed,
      },
      fields,
      opts.knownIds,
    );
  }

  /** `PUT /outplans/{id}`: always the complete basic group (name and detail). */
  async updateBasic(
    id: string,
    fields: Pick<OutplanFields, 'name' | 'detail'>,
  ): Promise<{ outplan: LiveOutplan; meta: CallMeta }> {
    return this.put({ method: 'PUT', path: PATHS.outplan(id), body: toWireBasic(fields) });
  }

  /** `PUT /outplans/{id}/dial_info`: always source and all seven numbers. */
  async updateDialInfo(
    id: string,
    fields: Pick<OutplanFields, DialInfoField>,
  ): Promise<{ outplan: LiveOutplan; meta: CallMeta }> {
    return this.put({
      method: 'PUT',
      path: PATHS.outplanDialInfo(id),
      body: toWireDialInfo(fields),
    });
  }

  /** Soft delete. A 404 OUTPLAN_NOT_FOUND on a retry after a lost answer: the first landed. */
  async deleteOutplan(id: string): Promise<{ meta: CallMeta }> {
    const exchange = await this.transport.exchange(
      { method: 'DELETE', path: PATHS.outplan(id) },
      'idempotent',
    );
    if (exchange.outcome === 'ambiguous') throw exchange.error;
    return { meta: exchange.meta };
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  private limits() {
    return { maxItems: this.options.maxListItems, maxPages: this.options.maxListPages };
  }

  private async put(request: ApiRequest): Promise<{ outplan: LiveOutplan; meta: CallMeta }> {
    const exchange = await this.transport.exchange(request, 'idempotent');
    return this.outplanFrom(exchange, 'the updated outplan');
  }

  private outplanFrom(exchange: Exchange, what: string): { outplan: LiveOutplan; meta: CallMeta } {
    const redact = this.transport.redact;
    if (exchange.outcome === 'ambiguous') throw exchange.error;
    if (exchange.outcome === 'gone') {
      throw malformedError({ status: 404, meta: exchange.meta }, what, 'got 404', redact);
    }
    const expected = `${what} as a JSON object`;
    const body = parseJson(exchange, expected, redact);
    try {
      return { outplan: parseWireOutplan(body), meta: exchange.meta };
    } catch (error) {
      if (error instanceof WireFormatError) {
        throw malformedError(exchange, expected, error.message, redact);
      }
      throw error;
    }
  }
}
