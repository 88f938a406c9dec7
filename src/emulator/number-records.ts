/**
 * Numbers (the account's provisioned phone numbers) as the service stores and sends them
 * (voipbin-numbers-api.md): 17 keys, always all present, in the service's order.
 */
import { NIL_UUID } from '../model/wire.js';

/** `normal`: bought from a provider; `virtual`: free `+899…`, never a PSTN caller ID. */
export type NumberType = 'normal' | 'virtual';

export interface NumberRecord {
  id: string;
  customer_id: string;
  number: string;
  type: string;
  call_flow_id: string;
  message_flow_id: string;
  name: string;
  detail: string;
  /** `active`, `deleted`, or whatever the provider said at purchase (`port_pending`, …). */
  status: string;
  t38_enabled: boolean;
  emergency_enabled: boolean;
  metadata: { rtp_debug: boolean };
  tm_purchase: string | null;
  tm_renew: string | null;
  tm_create: string;
  tm_update: string | null;
  tm_delete: string | null;
}

/** A number as GET /numbers and GET /numbers/{id} send it. */
export type WireNumber = Readonly<Omit<NumberRecord, 'metadata'>> & {
  readonly metadata: { readonly rtp_debug: boolean };
};

export const NUMBER_KEYS = [
  'id',
  'customer_id',
  'number',
  'type',
  'call_flow_id',
  'message_flow_id',
  'name',
  'detail',
  'status',
  't38_enabled',
  'emergency_enabled',
  'metadata',
  'tm_purchase',
  'tm_renew',
  'tm_create',
  'tm_update',
  'tm_delete',
] as const satisfies ReadonlyArray<keyof NumberRecord>;

/** A copy in the service's key order: the stored shape and the wire rendering. */
export function numberRecord(r: NumberRecord): NumberRecord {
  return {
    id: r.id,
    customer_id: r.customer_id,
    number: r.number,
    type: r.type,
    call_flow_id: r.call_flow_id,
    message_flow_id: r.message_flow_id,
    name: r.name,
    detail: r.detail,
    status: r.status,
    t38_enabled: r.t38_enabled,
    emergency_enabled: r.emergency_enabled,
    metadata: { rtp_debug: r.metadata.rtp_debug },
    tm_purchase: r.tm_purchase,
    tm_renew: r.tm_renew,
    tm_create: r.tm_create,
    tm_update: r.tm_update,
    tm_delete: r.tm_delete,
  };
}

export const renderNumber: (r: NumberRecord) => WireNumber = numberRecord;

/** Zero values of the fields a seed may leave out. */
export const NUMBER_DEFAULTS = {
  type: 'normal',
  call_flow_id: NIL_UUID,
  message_flow_id: NIL_UUID,
  name: '',
  detail: '',
  status: 'active',
  t38_enabled: false,
  emergency_enabled: false,
} as const;

/** A virtual number: `+899` and nine digits (the service's validate.go). */
export const VIRTUAL_NUMBER = /^\+899\d{9}$/;
/** An E.164 number as a caller ID must be. */
export const E164_NUMBER = /^\+[1-9]\d{6,14}$/;
