import type { CampaignStatus } from './wire.js';

/** A live (not deleted) campaign, reduced to what plans need to say about it. */
export interface Campaign {
  readonly id: string;
  readonly name: string;
  readonly status: CampaignStatus;
  /** null when the campaign uses no outplan (the API's nil UUID). */
  readonly outplanId: string | null;
}
