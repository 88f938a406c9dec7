/**
 * What a change does to the campaigns that use the outplan. VoIPBIN's dial loop re-reads
 * the outplan on every tick, so a dial-info update reaches a running campaign within
 * seconds; a deleted outplan keeps a running campaign dialing with its old settings, and
 * leaves a stopped campaign unable to start (with a 400 that never mentions the outplan).
 */
import type { Campaign } from '../model/campaign.js';
import { displayName, displayToken } from '../model/display.js';
import { compareStrings } from './compare.js';
import type { CampaignRef, PlanNote, UpdateCall } from './types.js';

export type CampaignIndex = ReadonlyMap<string, readonly CampaignRef[]>;

/** Live campaigns by outplan id, each list sorted by name then id. */
export function indexCampaigns(campaigns: readonly Campaign[] | null): CampaignIndex {
  const index = new Map<string, CampaignRef[]>();
  for (const campaign of campaigns ?? []) {
    if (campaign.outplanId === null) continue;
    const key = campaign.outplanId.toLowerCase();
    const ref: CampaignRef = { id: campaign.id, name: campaign.name, status: campaign.status };
    const list = index.get(key);
    if (list) list.push(ref);
    else index.set(key, [ref]);
  }
  for (const list of index.values()) list.sort(compareCampaigns);
  return index;
}

export function campaignsOf(index: CampaignIndex, outplanId: string): readonly CampaignRef[] {
  return index.get(outplanId.toLowerCase()) ?? [];
}

export function updateNotes(
  campaigns: readonly CampaignRef[],
  calls: readonly UpdateCall[],
): PlanNote[] {
  if (!calls.includes('update_dial_info')) return [];
  const active = campaigns.filter((c) => c.status !== 'stop');
  if (active.length === 0) return [];
  return [
    {
      code: 'running-campaign-dial-info',
      severity: 'warning',
      message: `Dial-info change takes effect on ${describe(active)} within seconds.`,
    },
  ];
}

export function deleteNotes(campaigns: readonly CampaignRef[]): PlanNote[] {
  const notes: PlanNote[] = [];
  const active = campaigns.filter((c) => c.status !== 'stop');
  const stopped = campaigns.filter((c) => c.status === 'stop');
  if (active.length > 0) {
    notes.push({
      code: 'delete-in-use',
      severity: 'warning',
      message:
        `In use by ${describe(active)}: ${active.length === 1 ? 'it keeps' : 'they keep'} dialing ` +
        "with the deleted outplan's settings. Refused unless --allow-delete-in-use.",
    });
  }
  if (stopped.length > 0) {
    notes.push({
      code: 'delete-stopped-campaign',
      severity: 'warning',
      message:
        `Used by ${describe(stopped)}: ${stopped.length === 1 ? 'it' : 'they'} cannot be started ` +
        'again until pointed at a live outplan.',
    });
  }
  return notes;
}

/** `running campaign "A"`, `stopped campaigns "B", "C"`, `running campaign "A" and stopping campaign "D"`. */
export function describe(campaigns: readonly CampaignRef[]): string {
  const parts: string[] = [];
  for (const status of ['run', 'stopping', 'stop'] as const) {
    const group = campaigns.filter((c) => c.status === status);
    if (group.length === 0) continue;
    const adjective = status === 'run' ? 'running' : status === 'stopping' ? 'stopping' : 'stopped';
    const noun = group.length === 1 ? 'campaign' : 'campaigns';
    parts.push(
      `${adjective} ${noun} ${group.map((c) => `${displayName(c.name)} (${displayToken(c.id)})`).join(', ')}`,
    );
  }
  return parts.join(' and ');
}

function compareCampaigns(a: CampaignRef, b: CampaignRef): number {
  return compareStrings(a.name, b.name) || compareStrings(a.id, b.id);
}
