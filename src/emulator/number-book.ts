/**
 * The account numbers the emulator holds. The API only reads them (GET /numbers,
 * GET /numbers/{id}); tests, `--number` and the state file put them here, and tests change
 * or release them while the emulator runs (what the service's renewal job or a console
 * user does), so "a number released between two plans" can be reproduced.
 */
import { NIL_UUID } from '../model/wire.js';
import type { MicrosClock } from './clock.js';
import { isUuid, newId } from './ids.js';
import {
  NUMBER_DEFAULTS,
  numberRecord,
  renderNumber,
  type NumberRecord,
  type NumberType,
  type WireNumber,
} from './number-records.js';
import { isDeleted } from './records.js';
import { resolveSeedTimes, wireTime, type SeedTime, type SeedTimes } from './seeding.js';
import { Table, type Entry } from './table.js';
import { formatTimestamp } from './timestamps.js';

/** A number to seed: any field; missing ones get the service's defaults. */
export type SeedNumber = Partial<
  Omit<
    NumberRecord,
    | 'customer_id'
    | 'metadata'
    | 'tm_purchase'
    | 'tm_renew'
    | 'tm_create'
    | 'tm_update'
    | 'tm_delete'
  >
> &
  SeedTimes & {
    metadata?: { rtp_debug?: boolean };
    /** Default: tm_create for a normal number, null for a virtual one. */
    tm_purchase?: SeedTime | null;
    tm_renew?: SeedTime | null;
  };

/** What `--number` asks for: this number, live, on this customer, with this status and type. */
export interface NumberWish {
  readonly number: string;
  readonly status: string;
  readonly type: NumberType;
}

const isLive = (r: NumberRecord) => !isDeleted(r.tm_delete);

export class NumberBook {
  readonly table = new Table<NumberRecord>();
  /** Live rows by number string: a live number is unique across all customers. */
  private readonly live = new Map<string, NumberRecord>();
  private generated = 0;

  constructor(
    private readonly clock: MicrosClock,
    private readonly changed: () => void,
  ) {}

  /**
   * Adds a number for a customer. Unchecked like the other seeds (any status, any string),
   * except that a live number string may belong to one row only, as on the service.
   */
  seed(customerId: string, seed: SeedNumber = {}): WireNumber {
    const type = seed.type ?? NUMBER_DEFAULTS.type;
    const number = seed.number ?? this.freshNumber(type);
    const { createdUs, tm } = resolveSeedTimes(this.clock, seed);
    const deleted = isDeleted(tm.tm_delete);
    const holder = this.live.get(number);
    if (!deleted && holder)
      throw new Error(
        `${number} is already a live number (id ${holder.id}); live numbers are unique`,
      );
    const bought = type === 'virtual' ? null : tm.tm_create;
    const optionalTime = (t: SeedTime | null | undefined) =>
      t === undefined ? bought : t === null ? null : wireTime(t);
    const record = numberRecord({
      id: seed.id?.toLowerCase() ?? newId(),
      customer_id: customerId,
      number,
      type,
      call_flow_id: seed.call_flow_id?.toLowerCase() ?? NIL_UUID,
      message_flow_id: seed.message_flow_id?.toLowerCase() ?? NIL_UUID,
      name: seed.name ?? NUMBER_DEFAULTS.name,
      detail: seed.detail ?? NUMBER_DEFAULTS.detail,
      status: seed.status ?? (deleted ? 'deleted' : NUMBER_DEFAULTS.status),
      t38_enabled: seed.t38_enabled ?? NUMBER_DEFAULTS.t38_enabled,
      emergency_enabled: seed.emergency_enabled ?? NUMBER_DEFAULTS.emergency_enabled,
      metadata: { rtp_debug: seed.metadata?.rtp_debug ?? false },
      tm_purchase: optionalTime(seed.tm_purchase),
      tm_renew: optionalTime(seed.tm_renew),
      ...tm,
    });
    this.insert(record, createdUs);
    this.changed();
    return renderNumber(record);
  }

  /**
   * Makes sure `wish.number` is live on the customer with that status and type: seeds it,
   * or updates the live row (a restart with the same `--number` flags and `--state`).
   * Throws when another customer holds it.
   */
  ensure(customerId: string, wish: NumberWish): WireNumber {
    const row = this.live.get(wish.number);
    if (!row) return this.seed(customerId, wish);
    if (row.customer_id !== customerId)
      throw new Error(`${wish.number} is already a live number of another customer`);
    if (row.status === wish.status && row.type === wish.type) return renderNumber(row);
    return this.write(row, (r) => Object.assign(r, { status: wish.status, type: wish.type }));
  }

  /** A row by id (deleted too) or a live row by number string (`+…`). */
  find(idOrNumber: string): NumberRecord | undefined {
    return isUuid(idOrNumber)
      ? this.table.get(idOrNumber.toLowerCase())
      : this.live.get(idOrNumber);
  }

  /** Sets a live number's status (`deleted` deletes it); bumps tm_update like the service. */
  setStatus(idOrNumber: string, status: string): WireNumber {
    if (status === 'deleted') return this.delete(idOrNumber);
    return this.write(this.requireLive(idOrNumber), (r) => (r.status = status));
  }

  /** Releases a live number: status `deleted`, tm_delete and tm_update set. */
  delete(idOrNumber: string): WireNumber {
    const row = this.requireLive(idOrNumber);
    this.live.delete(row.number);
    return this.write(row, (r, now) => {
      r.status = 'deleted';
      r.tm_delete = now;
    });
  }

  /** Every row of a customer (or of all), newest first; deleted ones only when asked. */
  list(customerId: string | undefined, includeDeleted: boolean): WireNumber[] {
    return this.table
      .all(customerId)
      .filter((r) => includeDeleted || isLive(r))
      .map(renderNumber);
  }

  /** A list page: live rows only, as GET /numbers shows them. */
  page(customerId: string, beforeUs: number, size: number): Array<Entry<NumberRecord>> {
    return this.table.page(customerId, beforeUs, size, isLive);
  }

  /** Loads a row already validated by the state-file reader. */
  insert(record: NumberRecord, createdUs: number): void {
    this.table.insert(record, createdUs);
    if (isLive(record)) this.live.set(record.number, record);
  }

  clear(): void {
    this.table.clear();
    this.live.clear();
  }

  private requireLive(idOrNumber: string): NumberRecord {
    const row = this.find(idOrNumber);
    if (!row) throw new Error(`no number ${idOrNumber} in the emulator`);
    if (!isLive(row)) throw new Error(`number ${idOrNumber} is deleted`);
    return row;
  }

  private write(row: NumberRecord, change: (r: NumberRecord, now: string) => void): WireNumber {
    const now = formatTimestamp(this.clock.tick());
    change(row, now);
    row.tm_update = now;
    this.changed();
    return renderNumber(row);
  }

  /** A number nobody holds: `+1555` + 7 digits, or `+899` + 9 digits for a virtual one. */
  private freshNumber(type: string): string {
    for (;;) {
      this.generated++;
      const candidate =
        type === 'virtual'
          ? `+899${String(this.generated).padStart(9, '0')}`
          : `+1555${String(9_000_000 + this.generated).padStart(7, '0')}`;
      if (!this.live.has(candidate)) return candidate;
    }
  }
}
