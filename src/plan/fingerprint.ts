/**
 * The live fingerprint: every live outplan a plan read, by id and timestamps. Every write
 * to an outplan moves `tm_update` (even a PUT that changes nothing), so a saved plan can
 * tell exactly whether the account moved under it before applying.
 */
import { displayName, displayToken } from '../model/display.js';
import type { LiveOutplan } from '../model/outplan.js';
import { digestOf } from './canonical-json.js';
import { compareStrings } from './compare.js';

export interface FingerprintEntry {
  readonly id: string;
  /** Kept so a stale-plan message can name a vanished outplan. */
  readonly name: string;
  readonly tm_update: string | null;
  readonly tm_delete: string | null;
}

export interface LiveFingerprint {
  /** `sha256:<hex>` over the entries. */
  readonly digest: string;
  /** Sorted by id. */
  readonly outplans: readonly FingerprintEntry[];
}

export type StaleReason =
  | {
      readonly kind: 'changed';
      readonly id: string;
      readonly name: string;
      readonly savedTmUpdate: string | null;
      readonly currentTmUpdate: string | null;
    }
  | { readonly kind: 'vanished'; readonly id: string; readonly name: string }
  | { readonly kind: 'created'; readonly id: string; readonly name: string };

export function fingerprintLive(live: readonly LiveOutplan[]): LiveFingerprint {
  const outplans = live
    .map((l) => ({ id: l.id, name: l.fields.name, tm_update: l.tmUpdate, tm_delete: l.tmDelete }))
    .sort((a, b) => compareStrings(a.id, b.id));
  return { digest: digestOf(outplans), outplans };
}

/**
 * Why the live account no longer matches the one a plan was made from; empty when it
 * matches. Sorted: changed, vanished, created, each by name then id.
 */
export function compareLiveFingerprint(
  saved: LiveFingerprint,
  currentLive: readonly LiveOutplan[],
): StaleReason[] {
  const current = new Map(currentLive.map((l) => [l.id, l]));
  const savedIds = new Set(saved.outplans.map((e) => e.id));
  const reasons: StaleReason[] = [];
  for (const entry of saved.outplans) {
    const now = current.get(entry.id);
    if (!now) reasons.push({ kind: 'vanished', id: entry.id, name: entry.name });
    else if (now.tmUpdate !== entry.tm_update || now.tmDelete !== entry.tm_delete) {
      reasons.push({
        kind: 'changed',
        id: entry.id,
        name: now.fields.name,
        savedTmUpdate: entry.tm_update,
        currentTmUpdate: now.tmUpdate,
      });
    }
  }
  for (const l of currentLive) {
    if (!savedIds.has(l.id)) reasons.push({ kind: 'created', id: l.id, name: l.fields.name });
  }
  const rank = { changed: 0, vanished: 1, created: 2 } as const;
  return reasons.sort(
    (a, b) =>
      rank[a.kind] - rank[b.kind] || compareStrings(a.name, b.name) || compareStrings(a.id, b.id),
  );
}

/** One line per reason, for the stale-plan refusal message. */
export function describeStaleReasons(reasons: readonly StaleReason[]): string {
  return reasons
    .map((r) => {
      switch (r.kind) {
        case 'changed':
          return `changed since the plan was made: ${outplan(r)}, tm_update ${timestamp(r.savedTmUpdate)} -> ${timestamp(r.currentTmUpdate)}`;
        case 'vanished':
          return `deleted since the plan was made: ${outplan(r)}`;
        case 'created':
          return `created since the plan was made: ${outplan(r)}`;
        default: {
          const never: never = r;
          return never;
        }
      }
    })
    .join('\n');
}

/** `"Sales" (id)`: names and ids come from the API (or a saved file), so both are escaped. */
function outplan(r: { readonly name: string; readonly id: string }): string {
  return `${displayName(r.name)} (${displayToken(r.id)})`;
}

function timestamp(value: string | null): string {
  return value === null ? 'null' : displayToken(value);
}
