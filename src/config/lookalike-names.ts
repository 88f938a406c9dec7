import type { DesiredOutplan } from '../model/desired.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { formatPosition } from '../model/diagnostic.js';
import { displayName } from '../model/display.js';
import { INVISIBLE_PATTERN, invisibleCharsIn, lookalikeKey } from '../model/name-lookalike.js';

/**
 * Names a reviewer cannot tell apart. VoIPBIN compares names byte for byte, so a name with
 * a zero-width space, a leading byte-order mark or a bidi control, or `Café` written with a
 * combining accent, is another outplan than the one it looks like: a plan would show a
 * create next to a delete of "the same" name. Warnings, so a name that is meant that way
 * can stay (and --strict can forbid it).
 */
export function lookalikeNameDiagnostics(outplans: readonly DesiredOutplan[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const firstByKey = new Map<string, DesiredOutplan>();
  const warnedNames = new Set<string>();
  for (const outplan of outplans) {
    const name = outplan.fields.name;
    const at = outplan.fieldAt.name ?? outplan.at;
    const invisible = invisibleCharsIn(name);
    if (invisible.length > 0 && !warnedNames.has(name)) {
      warnedNames.add(name);
      out.push({
        severity: 'warning',
        code: 'invisible-characters',
        message: `outplan name ${displayName(name)} contains ${invisible
          .map((c) => `a ${c.description} (${c.codePoint})`)
          .join(', ')}, which shows as nothing`,
        hint: 'VoIPBIN compares names byte for byte: remove it unless the live outplan is named with it too.',
        at,
      });
    }
    const key = lookalikeKey(name);
    const first = firstByKey.get(key);
    if (first === undefined) {
      firstByKey.set(key, outplan);
      continue;
    }
    if (first.fields.name === name) continue; // the same name: a duplicate, reported on its own
    const firstAt = first.fieldAt.name ?? first.at;
    out.push({
      severity: 'warning',
      code: 'lookalike-name',
      message: `outplan name ${displayName(name)} looks the same as ${displayName(first.fields.name)} declared at ${formatPosition(firstAt)}: ${difference(first.fields.name, name)}`,
      hint: 'They are two different outplans to VoIPBIN. Write both names the same way, or make the difference visible.',
      at,
      related: [firstAt],
    });
  }
  return out;
}

/** What makes two look-alike names differ, in words. */
function difference(a: string, b: string): string {
  const invisible = [...invisibleCharsIn(a), ...invisibleCharsIn(b)];
  const kinds = [...new Set(invisible.map((c) => `${c.description} (${c.codePoint})`))];
  const parts: string[] = [];
  if (kinds.length > 0) parts.push(`invisible characters (${kinds.join(', ')})`);
  const strip = (text: string) => text.replace(INVISIBLE_PATTERN, '');
  const [x, y] = [strip(a), strip(b)];
  if (x !== y) {
    parts.push(
      x.normalize('NFC') === y.normalize('NFC')
        ? 'the same letters written in different Unicode forms (a composed accent vs a letter plus a combining accent, NFC vs NFD)'
        : 'compatibility variants of the same characters (such as a ligature or a no-break space)',
    );
  }
  return `they differ only in ${parts.join(' and ')}`;
}
