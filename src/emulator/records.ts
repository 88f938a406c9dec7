/**
 * The rows the emulator stores and how they go on the wire: every key present, in the
 * service's order, `source` subfields omitted when empty.
 */
import { SOURCE_KEYS, type MaxTryKey } from '../model/outplan.js';
import {
  NIL_UUID,
  type CampaignStatus,
  type WireCampaign,
  type WireOutplan,
  type WireSource,
} from '../model/wire.js';
import type { Address } from './bind.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export type OutplanRecord = Mutable<WireOutplan>;

/** The service's campaign object; outplanctl reads only the WireCampaign subset. */
export interface CampaignRecord extends Mutable<WireCampaign> {
  type: string;
  detail: string;
  service_level: number;
  end_handle: string;
  actions: unknown[];
  outdial_id: string;
  queue_id: string;
  next_campaign_id: string;
}

export type OutplanFieldValues = Pick<
  OutplanRecord,
  'name' | 'detail' | 'source' | 'dial_timeout' | 'try_interval' | MaxTryKey
>;

/** Drops empty subfields, keeps the address key order. */
export function compactSource(address: Address | undefined): WireSource {
  const out: WireSource = {};
  if (address) for (const key of SOURCE_KEYS) if (address[key]) out[key] = address[key];
  return out;
}

/**
 * Builds the row with one fixed literal shape (fast property access and JSON.stringify,
 * which matters when a test seeds and lists 10 000 rows). Also the wire rendering: key
 * order is the service's.
 */
export function outplanRecord(r: OutplanRecord): OutplanRecord {
  return {
    id: r.id,
    customer_id: r.customer_id,
    name: r.name,
    detail: r.detail,
    source: compactSource(r.source),
    dial_timeout: r.dial_timeout,
    try_interval: r.try_interval,
    max_try_count_0: r.max_try_count_0,
    max_try_count_1: r.max_try_count_1,
    max_try_count_2: r.max_try_count_2,
    max_try_count_3: r.max_try_count_3,
    max_try_count_4: r.max_try_count_4,
    tm_create: r.tm_create,
    tm_update: r.tm_update,
    tm_delete: r.tm_delete,
  };
}

/** A copy as the API shows it. */
export const renderOutplan: (r: OutplanRecord) => WireOutplan = outplanRecord;

export type RenderedCampaign = WireCampaign & Omit<CampaignRecord, keyof WireCampaign>;

export function renderCampaign(r: CampaignRecord): RenderedCampaign {
  return {
    id: r.id,
    customer_id: r.customer_id,
    type: r.type,
    name: r.name,
    detail: r.detail,
    status: r.status,
    service_level: r.service_level,
    end_handle: r.end_handle,
    actions: structuredClone(r.actions),
    outplan_id: r.outplan_id,
    outdial_id: r.outdial_id,
    queue_id: r.queue_id,
    next_campaign_id: r.next_campaign_id,
    tm_create: r.tm_create,
    tm_update: r.tm_update,
    tm_delete: r.tm_delete,
  };
}

export function newCampaignRecord(
  base: Pick<CampaignRecord, 'id' | 'customer_id' | 'tm_create'> & Partial<CampaignRecord>,
): CampaignRecord {
  return {
    type: 'call',
    name: '',
    detail: '',
    status: 'stop' satisfies CampaignStatus,
    service_level: 0,
    end_handle: 'stop',
    actions: [],
    outplan_id: NIL_UUID,
    outdial_id: NIL_UUID,
    queue_id: NIL_UUID,
    next_campaign_id: NIL_UUID,
    tm_update: null,
    tm_delete: null,
    ...base,
  };
}

/** Deleted means tm_delete is set; the old `9999-…` sentinel means not deleted. */
export function isDeleted(tmDelete: string | null): boolean {
  return tmDelete !== null && !tmDelete.startsWith('9999');
}
