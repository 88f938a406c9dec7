/**
 * Read lag: the service's list reads can briefly trail its writes (a cache refresh, clock
 * skew between services). With a lag of L, a list page is served as if read L ago: rows
 * created within L are not there yet (the cursor's "now" and any page token move L back,
 * so pagination stays consistent), and rows written within L show their state before
 * those writes. get-by-id and writes never lag.
 */
import type { MicrosClock } from './clock.js';
import { outplanRecord, type OutplanRecord } from './records.js';
import type { Entry, Table } from './table.js';

/** A row's state before a write that list pages do not show yet. */
interface HiddenWrite {
  readonly atUs: number;
  readonly before: OutplanRecord;
}

export class ReadLag {
  /** Per outplan id, oldest first: the writes still inside the lag window. */
  private readonly hidden = new Map<string, HiddenWrite[]>();

  constructor(
    private readonly lagUs: number,
    private readonly clock: MicrosClock,
  ) {}

  get enabled(): boolean {
    return this.lagUs > 0;
  }

  /** Call just before `record` is changed by a write at `atUs`: keeps what it was. */
  rememberBefore(record: OutplanRecord, atUs: number): void {
    if (!this.enabled) return;
    // Only writes still inside the window matter; older ones are visible already.
    const writes = (this.hidden.get(record.id) ?? []).filter((w) => w.atUs > atUs - this.lagUs);
    writes.push({ atUs, before: outplanRecord(record) });
    this.hidden.set(record.id, writes);
  }

  /** A newest-first page of `table` as a read `lag` ago saw it. */
  page(
    table: Table<OutplanRecord>,
    customerId: string,
    beforeUs: number,
    size: number,
  ): Array<Entry<OutplanRecord>> {
    if (!this.enabled) return table.page(customerId, beforeUs, size);
    const cutoffUs = this.clock.peek() - this.lagUs;
    const entries = table.page(customerId, Math.min(beforeUs, cutoffUs + 1), size);
    return entries.map((entry) => {
      const seen = this.versionSeenAt(entry.row.id, cutoffUs);
      return seen ? { row: seen, createdUs: entry.createdUs } : entry;
    });
  }

  clear(): void {
    this.hidden.clear();
  }

  /** The row as a read at `cutoffUs` sees it when later writes are hidden; else undefined. */
  private versionSeenAt(id: string, cutoffUs: number): OutplanRecord | undefined {
    const writes = this.hidden.get(id);
    if (!writes) return undefined;
    while (writes.length > 0 && writes[0]!.atUs <= cutoffUs) writes.shift();
    if (writes.length === 0) {
      this.hidden.delete(id);
      return undefined;
    }
    return writes[0]!.before;
  }
}
