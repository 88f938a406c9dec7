/**
 * What a reviewer might misread about names: a create that is really a rename (an
 * undeclared or deleted outplan with exactly the same settings), and a create whose name
 * only looks like a live outplan's (invisible characters, another Unicode form). Both
 * would detach the campaigns of the live id if applied as planned.
 */
import { displayName, displayToken } from '../model/display.js';
import { areLookalikes, lookalikeKey } from '../model/name-lookalike.js';
import { OUTPLAN_FIELDS, type LiveOutplan, type OutplanFields } from '../model/outplan.js';
import { compareStrings } from '../model/order.js';
import type { PlanNote, PlanWarning } from './types.js';

/** A live outplan this plan does not keep: deleted by it, or left unmanaged. */
export interface UnkeptOutplan {
  readonly outplan: LiveOutplan;
  readonly fate: 'deleted' | 'unmanaged';
}

/** Everything but the name, as a map key. */
function settingsKey(fields: OutplanFields): string {
  return JSON.stringify(OUTPLAN_FIELDS.filter((f) => f !== 'name').map((f) => fields[f]));
}

/** Indexes the unkept outplans once, so a plan of thousands stays linear. */
export function nameHints(unkept: readonly UnkeptOutplan[]) {
  const bySettings = new Map<string, UnkeptOutplan[]>();
  const byLook = new Map<string, UnkeptOutplan[]>();
  for (const u of unkept) {
    push(bySettings, settingsKey(u.outplan.fields), u);
    push(byLook, lookalikeKey(u.outplan.fields.name), u);
  }
  return {
    /** A note for a create whose settings equal an unkept outplan's: it reads as a rename. */
    renameNote(fields: OutplanFields): PlanNote | null {
      const same = sorted(bySettings.get(settingsKey(fields)) ?? []).filter(
        (u) => u.outplan.fields.name !== fields.name,
      );
      if (same.length === 0) return null;
      const first = same[0]!.outplan;
      const which =
        same.length === 1 ? `${describe(same[0]!)}` : `one of ${same.map(describe).join(', ')}`;
      return {
        code: 'looks-like-rename',
        severity: 'warning',
        message:
          `This create has exactly the settings of ${which}: if it is a rename, add ` +
          `\`id: ${first.id}\` to this outplan so the rename keeps that id and every campaign ` +
          'that uses it; as planned, a new outplan is created' +
          (same.some((u) => u.fate === 'deleted') ? ' and the old one deleted.' : '.'),
      };
    },
    /** Warnings for a create whose name only looks like an unkept outplan's. */
    lookalikeWarnings(name: string): PlanWarning[] {
      return sorted(byLook.get(lookalikeKey(name)) ?? [])
        .filter((u) => areLookalikes(name, u.outplan.fields.name))
        .map((u) => ({
          code: 'lookalike-names',
          message:
            `The plan creates ${reveal(name)} and ${u.fate === 'deleted' ? 'deletes' : 'leaves unmanaged'} ` +
            `${reveal(u.outplan.fields.name)} (${displayToken(u.outplan.id)}): the names differ only in ` +
            'invisible characters or Unicode form, so they look the same but are different outplans.',
          at: null,
          hint:
            `If they are meant to be one outplan, write the name exactly as the live one or add ` +
            `\`id: ${u.outplan.id}\` to rename it in place (keeping its campaigns).`,
        }));
    },
  };
}

function describe(u: UnkeptOutplan): string {
  const fate = u.fate === 'deleted' ? 'deleted by this plan' : 'not declared';
  return `${displayName(u.outplan.fields.name)} (${displayToken(u.outplan.id)}, ${fate})`;
}

/**
 * A name with every non-ASCII character escaped, so two look-alikes read differently
 * (`"Caf\u00e9"` next to `"Cafe\u0301"`); displayName alone would show both as Café.
 */
function reveal(name: string): string {
  return displayName(name).replace(/[^\x20-\x7e]/gu, (ch) => {
    const cp = ch.codePointAt(0)!;
    return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  });
}

function sorted(list: readonly UnkeptOutplan[]): UnkeptOutplan[] {
  return [...list].sort(
    (a, b) =>
      compareStrings(a.outplan.fields.name, b.outplan.fields.name) ||
      compareStrings(a.outplan.id, b.outplan.id),
  );
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
