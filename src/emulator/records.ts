/**
 * The rows the emulator stores and how they go on the wire: every key present, in the
 * service's order, `source` subfields omitted when empty. The outplan's fields, their
 * request shapes and their zero values come from the outplan descriptor.
 */
import {
  FIELD_GROUPS,
  OUTPLAN_DESCRIPTOR,
  WIRE_TYPE_OF,
  defaultValueOf,
  type FieldGroup,
  type OutplanFieldSpec,
} from '../model/outplan-descriptor.js';
import { SOURCE_KEYS, type FieldName } from '../model/outplan.js';
import {
  NIL_UUID,
  type CampaignStatus,
  type WireCampaign,
  type WireOutplan,
  type WireSource,
} from '../model/wire.js';
import type { Address, FieldKind } from './bind.js';

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

export type OutplanFieldValues = Pick<OutplanRecord, FieldName>;

type WireTypeOf<S extends OutplanFieldSpec> = (typeof WIRE_TYPE_OF)[S['kind']];
/** The request shape of one call group, as the emulator binds it (`bindBody`). */
export type GroupBodySchema<G extends FieldGroup> = {
  readonly [S in Extract<OutplanFieldSpec, { group: G }> as S['wireKey']]: WireTypeOf<S>;
};

/** Each call group's request shape, from the outplan descriptor (`source`: address, numbers: int32). */
export function groupBodySchema<G extends FieldGroup>(group: G): GroupBodySchema<G> {
  const out: Record<string, FieldKind> = {};
  for (const spec of OUTPLAN_DESCRIPTOR) {
    if (spec.group === group) out[spec.wireKey] = WIRE_TYPE_OF[spec.kind];
  }
  return out as GroupBodySchema<G>;
}

/**
 * One call group's stored values from a bound body: what the service does with a missing or
 * null key ("", 0, `{}`), since a PUT replaces its whole group.
 */
export function groupValues(
  body: Readonly<Record<string, unknown>>,
  group: FieldGroup,
): Partial<OutplanFieldValues> {
  const out: Record<string, unknown> = {};
  for (const spec of OUTPLAN_DESCRIPTOR) {
    if (spec.group !== group) continue;
    const value = body[spec.wireKey];
    out[spec.wireKey] =
      spec.kind === 'address'
        ? compactSource(value as Address | undefined)
        : (value ?? defaultValueOf(spec.kind));
  }
  return out as Partial<OutplanFieldValues>;
}

/** Every field's stored value from a partial row (a seed): missing ones zero-filled. */
export function outplanValues(seed: Readonly<Record<string, unknown>>): OutplanFieldValues {
  const out: Record<string, unknown> = {};
  for (const group of FIELD_GROUPS) Object.assign(out, groupValues(seed, group));
  return out as OutplanFieldValues;
}

/** Drops empty subfields, keeps the address key order. */
export function compactSource(address: Address | undefined): WireSource {
  const out: WireSource = {};
  if (address) for (const key of SOURCE_KEYS) if (address[key]) out[key] = address[key];
  return out;
}

/**
 * Builds the row in the service's key order: id, customer_id, the descriptor's fields,
 * then the timestamps. Every row is built by the same sequence of assignments, so rows
 * share one object shape (fast property access and JSON.stringify, which matters when a
 * test seeds and lists 10 000 rows). Also the wire rendering.
 */
export function outplanRecord(r: OutplanRecord): OutplanRecord {
  const out: Record<string, unknown> = { id: r.id, customer_id: r.customer_id };
  for (const spec of OUTPLAN_DESCRIPTOR) {
    const value = r[spec.wireKey];
    out[spec.wireKey] = spec.kind === 'address' ? compactSource(value as WireSource) : value;
  }
  out.tm_create = r.tm_create;
  out.tm_update = r.tm_update;
  out.tm_delete = r.tm_delete;
  return out as OutplanRecord;
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
