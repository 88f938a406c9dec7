/**
 * The emulator's data: outplans and campaigns per customer, with the write operations the
 * routes perform and a direct seeding / inspection API for tests. All reads hand out
 * copies, so a test can never corrupt the store by mutating what it got back.
 */
import { NIL_UUID, type CampaignStatus, type WireOutplan } from '../model/wire.js';
import type { MicrosClock } from './clock.js';
import type { CredentialRegistry } from './credentials.js';
import { newId } from './ids.js';
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
import { Table, type Entry } from './table.js';
import { formatTimestamp, parseTimestamp } from './timestamps.js';

export type SeedTime = Date | string;

/** A row to seed: any wire field; missing ones get the API's zero values. */
export type SeedOutplan = Partial<
  Omit<WireOutplan, 'customer_id' | 'tm_create' | 'tm_update' | 'tm_delete'>
> & {
  tm_create?: SeedTime;
  tm_update?: SeedTime | null;
  tm_delete?: SeedTime | null;
};

export type SeedCampaign = Partial<
  Omit<RenderedCampaign, 'customer_id' | 'tm_create' | 'tm_update' | 'tm_delete'>
> & {
  tm_create?: SeedTime;
  tm_update?: SeedTime | null;
  tm_delete?: SeedTime | null;
};

/** An outplan's state before a write that lists do not show yet (read lag). */
interface HiddenWrite {
  readonly atUs: number;
  readonly before: OutplanRecord;
}

export interface StoreOptions {
  /** Outplan writes younger than this are not yet seen by list pages; default 0. */
  readonly readLagMs?: number;
}

export class EmulatorStore {
  private readonly outplans = new Table<OutplanRecord>();
  private readonly campaigns = new Table<CampaignRecord>();
  private changeListener: (() => void) | undefined;
  private readonly readLagUs: number;
  /** Per outplan id, oldest first: the writes still inside the read-lag window. */
  private readonly hiddenWrites = new Map<string, HiddenWrite[]>();

  constructor(
    private readonly clock: MicrosClock,
    private readonly credentials: CredentialRegistry,
    options: StoreOptions = {},
  ) {
    this.readLagUs = Math.round((options.readLagMs ?? 0) * 1000);
  }

  // ---- test API ---------------------------------------------------------------------

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
      const { createdUs, tm } = this.seedTimes(seed);
      const record = outplanRecord({
        id: seed.id?.toLowerCase() ?? newId(),
        customer_id: customerId,
        name: seed.name ?? '',
        detail: seed.detail ?? '',
        source: seed.source ?? {},
        dial_timeout: seed.dial_timeout ?? 0,
        try_interval: seed.try_interval ?? 0,
        max_try_count_0: seed.max_try_count_0 ?? 0,
        max_try_count_1: seed.max_try_count_1 ?? 0,
        max_try_count_2: seed.max_try_count_2 ?? 0,
        max_try_count_3: seed.max_try_count_3 ?? 0,
        max_try_count_4: seed.max_try_count_4 ?? 0,
        tm_create: tm.tm_create,
        tm_update: tm.tm_update,
        tm_delete: tm.tm_delete,
      });
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
    const { createdUs, tm } = this.seedTimes(seed);
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
    const customer = accessKey === undefined ? undefined : this.customerIdFor(accessKey);
    return this.outplans.all(customer).map(renderOutplan);
  }

  getOutplan(id: string): WireOutplan | undefined {
    const record = this.outplans.get(id.toLowerCase());
    return record && renderOutplan(record);
  }

  listCampaigns(accessKey?: string): RenderedCampaign[] {
    const customer = accessKey === undefined ? undefined : this.customerIdFor(accessKey);
    return this.campaigns.all(customer).map(renderCampaign);
  }

  getCampaign(id: string): RenderedCampaign | undefined {
    const record = this.campaigns.get(id.toLowerCase());
    return record && renderCampaign(record);
  }

  /** A frozen account gets 403 ACCOUNT_FROZEN on every route. */
  setFrozen(accessKey: string, frozen: boolean): void {
    this.credentials.setFrozen(this.customerIdFor(accessKey), frozen);
  }

  clear(): void {
    this.outplans.clear();
    this.campaigns.clear();
    this.hiddenWrites.clear();
    this.changed();
  }

  // ---- what the routes do ------------------------------------------------------------

  outplanRecord(id: string): OutplanRecord | undefined {
    return this.outplans.get(id);
  }

  campaignRecord(id: string): CampaignRecord | undefined {
    return this.campaigns.get(id);
  }

  /**
   * A list page as the service's lagging reads show it: rows created within the read
   * lag are not there yet (as if the cursor "now" were that far behind), and rows written
   * within it show their state before those writes.
   */
  outplanPage(customerId: string, beforeUs: number, size: number): Array<Entry<OutplanRecord>> {
    if (this.readLagUs === 0) return this.outplans.page(customerId, beforeUs, size);
    const cutoffUs = this.clock.peek() - this.readLagUs;
    const entries = this.outplans.page(customerId, Math.min(beforeUs, cutoffUs + 1), size);
    return entries.map((entry) => {
      const seen = this.versionSeenAt(entry.row.id, cutoffUs);
      return seen ? { row: seen, createdUs: entry.createdUs } : entry;
    });
  }

  campaignPage(customerId: string, beforeUs: number, size: number) {
    return this.campaigns.page(customerId, beforeUs, size);
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
    if (this.readLagUs > 0 && this.outplans.get(record.id) === (record as unknown)) {
      this.hideWrite(record as unknown as OutplanRecord, nowUs);
    }
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
  snapshot(): { lastTickUs: number; outplans: WireOutplan[]; campaigns: RenderedCampaign[] } {
    return {
      lastTickUs: this.clock.lastTick,
      outplans: this.outplans.oldestFirst().map(renderOutplan),
      campaigns: this.campaigns.oldestFirst().map(renderCampaign),
    };
  }

  /** Loads rows already validated by the state-file reader. */
  restore(state: { lastTickUs: number; outplans: WireOutplan[]; campaigns: RenderedCampaign[] }) {
    this.clock.observe(state.lastTickUs);
    for (const row of state.outplans) {
      const record = outplanRecord({ ...row, id: row.id.toLowerCase() });
      this.outplans.insert(record, this.timeOf(row.tm_create));
    }
    for (const row of state.campaigns) {
      this.campaigns.insert({ ...row, id: row.id.toLowerCase() }, this.timeOf(row.tm_create));
    }
  }

  /** Keeps the state before a write for lagging list reads. */
  private hideWrite(record: OutplanRecord, atUs: number): void {
    const writes = this.hiddenWrites.get(record.id) ?? [];
    // Only writes still inside the window matter; the rest are visible already.
    const live = writes.filter((w) => w.atUs > atUs - this.readLagUs);
    live.push({ atUs, before: outplanRecord(record) });
    this.hiddenWrites.set(record.id, live);
  }

  /** The row as a read at `cutoffUs` sees it, when writes after that are hidden; else undefined. */
  private versionSeenAt(id: string, cutoffUs: number): OutplanRecord | undefined {
    const writes = this.hiddenWrites.get(id);
    if (!writes) return undefined;
    while (writes.length > 0 && writes[0]!.atUs <= cutoffUs) writes.shift();
    if (writes.length === 0) {
      this.hiddenWrites.delete(id);
      return undefined;
    }
    return writes[0]!.before;
  }

  private changed(): void {
    this.changeListener?.();
  }

  private timeOf(text: string): number {
    const us = parseTimestamp(text);
    if (us === null) throw new Error(`not a timestamp: ${JSON.stringify(text)}`);
    this.clock.observe(us);
    return us;
  }

  private seedTimes(seed: {
    tm_create?: SeedTime;
    tm_update?: SeedTime | null;
    tm_delete?: SeedTime | null;
  }) {
    const createdUs =
      seed.tm_create === undefined ? this.clock.tick() : this.timeOf(wireTime(seed.tm_create));
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
}

/** A Date becomes the current wire format; a string is kept verbatim (either format). */
function wireTime(value: SeedTime): string {
  if (typeof value !== 'string') return formatTimestamp(value.getTime() * 1000);
  if (parseTimestamp(value) === null) throw new Error(`not a timestamp: ${JSON.stringify(value)}`);
  return value;
}

function generatedOutplans(n: number): SeedOutplan[] {
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

export type { CampaignStatus };
