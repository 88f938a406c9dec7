/**
 * The emulator's data: outplans, campaigns and numbers per customer. One facade for the
 * test API (seed, inspect, change numbers) and for what the routes do; the work lives in
 * focused modules: seeding.ts (partial rows → records), read-lag.ts (lagging list pages),
 * number-book.ts (numbers), store-persistence.ts (snapshot / restore for --state). Every
 * read hands out copies, so a test can never corrupt the store by mutating what it got.
 */
import { NIL_UUID, type CampaignStatus, type WireOutplan } from '../model/wire.js';
import type { MicrosClock } from './clock.js';
import type { CredentialRegistry } from './credentials.js';
import { newId } from './ids.js';
import { NumberBook, type NumberWish, type SeedNumber } from './number-book.js';
import { renderNumber, type NumberRecord, type WireNumber } from './number-records.js';
import { ReadLag } from './read-lag.js';
import {
  outplanRecord,
  newCampaignRecord,
  renderCampaign,
  renderOutplan,
  type CampaignRecord,
  type OutplanFieldValues,
  type OutplanRecord,
  type RenderedCampaign,
} from './records.js';
import {
  generatedOutplans,
  outplanFromSeed,
  resolveSeedTimes,
  type SeedCampaign,
  type SeedOutplan,
} from './seeding.js';
import { restoreTables, snapshotTables, type StoreTables } from './store-persistence.js';
import type { StateSnapshot } from './state-file.js';
import { Table, type Entry } from './table.js';
import { formatTimestamp } from './timestamps.js';

export interface StoreOptions {
  /** Outplan writes younger than this are not yet seen by list pages; default 0. */
  readonly readLagMs?: number;
}

export class EmulatorStore {
  private readonly outplans = new Table<OutplanRecord>();
  private readonly campaigns = new Table<CampaignRecord>();
  private readonly numbers: NumberBook;
  private readonly lag: ReadLag;
  private changeListener: (() => void) | undefined;

  constructor(
    private readonly clock: MicrosClock,
    private readonly credentials: CredentialRegistry,
    options: StoreOptions = {},
  ) {
    this.lag = new ReadLag(Math.round((options.readLagMs ?? 0) * 1000), clock);
    this.numbers = new NumberBook(clock, () => this.changed());
  }

  // ---- test API: outplans and campaigns -----------------------------------------------

  /** The customer_id the emulator gives an access key's customer. */
  customerIdFor(accessKey: string): string {
    return this.credentials.requireCustomer(accessKey);
  }

  /**
   * Seeds outplans for an access key's customer: `n` generated rows (`outplan-00001`, …,
   * realistic dial info) or the given partial rows (missing fields zero-filled like the API
   * does). Rows without `tm_create` get fresh, strictly increasing times. Returns the rows
   * as the API would show them, in the order given.
   */
  seedOutplans(accessKey: string, rows: number | readonly SeedOutplan[]): WireOutplan[] {
    const customerId = this.customerIdFor(accessKey);
    const list = typeof rows === 'number' ? generatedOutplans(rows) : rows;
    const out = list.map((seed) => {
      const { createdUs, tm } = resolveSeedTimes(this.clock, seed);
      const record = outplanFromSeed(seed, customerId, tm);
      this.outplans.insert(record, createdUs);
      return renderOutplan(record);
    });
    this.changed();
    return out;
  }

  seedOutplan(accessKey: string, row: SeedOutplan = {}): WireOutplan {
    return this.seedOutplans(accessKey, [row])[0]!;
  }

  /** Seeds one campaign, unchecked (any status, any outplan_id, deleted or not). */
  seedCampaign(accessKey: string, seed: SeedCampaign = {}): RenderedCampaign {
    const customerId = this.customerIdFor(accessKey);
    const { createdUs, tm } = resolveSeedTimes(this.clock, seed);
    const record = newCampaignRecord({
      ...seed,
      id: seed.id?.toLowerCase() ?? newId(),
      customer_id: customerId,
      outplan_id: seed.outplan_id?.toLowerCase() ?? NIL_UUID,
      ...tm,
    });
    this.campaigns.insert(record, createdUs);
    this.changed();
    return renderCampaign(record);
  }

  /** Every outplan (deleted ones too) of a customer, or of everyone, newest first. */
  listOutplans(accessKey?: string): WireOutplan[] {
    return this.outplans.all(this.customerOf(accessKey)).map(renderOutplan);
  }

  getOutplan(id: string): WireOutplan | undefined {
    const record = this.outplans.get(id.toLowerCase());
    return record && renderOutplan(record);
  }

  listCampaigns(accessKey?: string): RenderedCampaign[] {
    return this.campaigns.all(this.customerOf(accessKey)).map(renderCampaign);
  }

  getCampaign(id: string): RenderedCampaign | undefined {
    const record = this.campaigns.get(id.toLowerCase());
    return record && renderCampaign(record);
  }

  // ---- test API: numbers ------------------------------------------------------------

  /**
   * Seeds one number (default: a fresh `+1555…`, `normal`, `active`, no flows). A live
   * number string may belong to one row only, across customers, as on the service.
   */
  seedNumber(accessKey: string, seed: SeedNumber = {}): WireNumber {
    return this.numbers.seed(this.customerIdFor(accessKey), seed);
  }

  seedNumbers(accessKey: string, seeds: readonly SeedNumber[]): WireNumber[] {
    return seeds.map((seed) => this.seedNumber(accessKey, seed));
  }

  /** Seeds or updates a live number so it has this status and type (`--number`). */
  ensureNumber(accessKey: string, wish: NumberWish): WireNumber {
    return this.numbers.ensure(this.customerIdFor(accessKey), wish);
  }

  /** Changes a live number's status, by id or number string; `deleted` releases it. */
  setNumberStatus(idOrNumber: string, status: string): WireNumber {
    return this.numbers.setStatus(idOrNumber, status);
  }

  /** Releases a live number (soft delete), by id or number string. */
  deleteNumber(idOrNumber: string): WireNumber {
    return this.numbers.delete(idOrNumber);
  }

  /** A customer's (or everyone's) numbers, newest first; deleted ones only when asked. */
  listNumbers(accessKey?: string, options: { includeDeleted?: boolean } = {}): WireNumber[] {
    return this.numbers.list(this.customerOf(accessKey), options.includeDeleted ?? false);
  }

  /** A number by id (deleted too) or a live number by its string. */
  getNumber(idOrNumber: string): WireNumber | undefined {
    const row = this.numbers.find(idOrNumber);
    return row && renderNumber(row);
  }

  // ---- test API: account -------------------------------------------------------------

  /** A frozen account gets 403 ACCOUNT_FROZEN on every route. */
  setFrozen(accessKey: string, frozen: boolean): void {
    this.credentials.setFrozen(this.customerIdFor(accessKey), frozen);
  }

  clear(): void {
    this.outplans.clear();
    this.campaigns.clear();
    this.numbers.clear();
    this.lag.clear();
    this.changed();
  }

  // ---- what the routes do ------------------------------------------------------------

  outplanRecord(id: string): OutplanRecord | undefined {
    return this.outplans.get(id);
  }

  campaignRecord(id: string): CampaignRecord | undefined {
    return this.campaigns.get(id);
  }

  numberRecord(id: string): NumberRecord | undefined {
    return this.numbers.table.get(id);
  }

  /** A GET /outplans page as the service's (possibly lagging) reads show it. */
  outplanPage(customerId: string, beforeUs: number, size: number): Array<Entry<OutplanRecord>> {
    return this.lag.page(this.outplans, customerId, beforeUs, size);
  }

  campaignPage(customerId: string, beforeUs: number, size: number) {
    return this.campaigns.page(customerId, beforeUs, size);
  }

  /** A GET /numbers page: live numbers only. */
  numberPage(customerId: string, beforeUs: number, size: number) {
    return this.numbers.page(customerId, beforeUs, size);
  }

  createOutplan(customerId: string, values: OutplanFieldValues): OutplanRecord {
    const now = this.clock.tick();
    const record = outplanRecord({
      id: newId(),
      customer_id: customerId,
      ...values,
      tm_create: formatTimestamp(now),
      tm_update: null,
      tm_delete: null,
    });
    this.outplans.insert(record, now);
    this.changed();
    return record;
  }

  /** Any write: apply the change and bump tm_update (even when nothing changed). */
  touch<R extends { id: string; tm_update: string | null }>(
    record: R,
    change: (r: R, now: string) => void,
  ): R {
    const nowUs = this.clock.tick();
    const now = formatTimestamp(nowUs);
    if (this.outplans.get(record.id) === (record as unknown))
      this.lag.rememberBefore(record as unknown as OutplanRecord, nowUs);
    change(record, now);
    record.tm_update = now;
    this.changed();
    return record;
  }

  createCampaign(
    customerId: string,
    values: Pick<CampaignRecord, 'name' | 'detail' | 'outplan_id' | 'status'>,
  ): CampaignRecord {
    const now = this.clock.tick();
    const record = newCampaignRecord({
      id: newId(),
      customer_id: customerId,
      ...values,
      tm_create: formatTimestamp(now),
    });
    this.campaigns.insert(record, now);
    this.changed();
    return record;
  }

  // ---- persistence -------------------------------------------------------------------

  onChange(listener: (() => void) | undefined): void {
    this.changeListener = listener;
  }

  /** Everything, oldest first, as plain JSON-able rows. */
  snapshot(): StateSnapshot {
    return snapshotTables(this.tables(), this.clock);
  }

  /** Loads rows already validated by the state-file reader. */
  restore(state: StateSnapshot): void {
    restoreTables(this.tables(), this.clock, state);
  }

  private tables(): StoreTables {
    return { outplans: this.outplans, campaigns: this.campaigns, numbers: this.numbers };
  }

  private customerOf(accessKey: string | undefined): string | undefined {
    return accessKey === undefined ? undefined : this.customerIdFor(accessKey);
  }

  private changed(): void {
    this.changeListener?.();
  }
}

export type { CampaignStatus };
export type { SeedCampaign, SeedOutplan, SeedTime } from './seeding.js';
export type { SeedNumber, NumberWish } from './number-book.js';
