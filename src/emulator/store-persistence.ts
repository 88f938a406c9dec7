/**
 * The store's rows to and from the state file's snapshot (store → state-file.ts → disk).
 * Rows go out oldest first, so a restore inserts in creation order.
 */
import type { MicrosClock } from './clock.js';
import type { NumberBook } from './number-book.js';
import { numberRecord } from './number-records.js';
import {
  outplanRecord,
  renderCampaign,
  renderOutplan,
  type CampaignRecord,
  type OutplanRecord,
} from './records.js';
import { observedTime } from './seeding.js';
import type { StateSnapshot } from './state-file.js';
import type { Table } from './table.js';

export interface StoreTables {
  readonly outplans: Table<OutplanRecord>;
  readonly campaigns: Table<CampaignRecord>;
  readonly numbers: NumberBook;
}

export function snapshotTables(tables: StoreTables, clock: MicrosClock): StateSnapshot {
  return {
    lastTickUs: clock.lastTick,
    outplans: tables.outplans.oldestFirst().map(renderOutplan),
    campaigns: tables.campaigns.oldestFirst().map(renderCampaign),
    numbers: tables.numbers.table.oldestFirst().map(numberRecord),
  };
}

/** Loads rows already validated by the state-file reader. */
export function restoreTables(tables: StoreTables, clock: MicrosClock, state: StateSnapshot): void {
  clock.observe(state.lastTickUs);
  for (const row of state.outplans) {
    const record = outplanRecord({ ...row, id: row.id.toLowerCase() });
    tables.outplans.insert(record, observedTime(clock, row.tm_create));
  }
  for (const row of state.campaigns) {
    const record = { ...row, id: row.id.toLowerCase() };
    tables.campaigns.insert(record, observedTime(clock, row.tm_create));
  }
  for (const row of state.numbers) {
    const record = numberRecord({ ...row, id: row.id.toLowerCase() });
    tables.numbers.insert(record, observedTime(clock, row.tm_create));
  }
}
