/**
 * The VoIPBIN wire shapes, shared by the emulator (which serves them) and the client
 * (which reads them). See ../shared/reference/voipbin-outplan-api.md.
 */
import type { OutplanFieldSpec, SourceKey } from './outplan-descriptor.js';

/** `source` on the wire: every subfield omitted when empty, `{}` when no source. */
export type WireSource = Partial<Record<SourceKey, string>>;

interface WireValueOf {
  text: string;
  address: WireSource;
  duration: number;
  count: number;
}

/** The outplan descriptor's fields as the API sends them. */
export type WireOutplanFields = {
  [S in OutplanFieldSpec as S['wireKey']]: WireValueOf[S['kind']];
};

/** Keys always all present, in this order: id, customer_id, the fields, the timestamps. */
export type WireOutplan = {
  id: string;
  customer_id: string;
} & WireOutplanFields & {
    tm_create: string;
    tm_update: string | null;
    tm_delete: string | null;
  };

export interface WireCampaign {
  id: string;
  customer_id: string;
  name: string;
  status: CampaignStatus;
  /** The nil UUID when none, never null. */
  outplan_id: string;
  tm_create: string;
  tm_update: string | null;
  tm_delete: string | null;
}

export type CampaignStatus = 'run' | 'stopping' | 'stop';

export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export interface WirePage<T> {
  result: T[];
  next_page_token: string;
}
