import { displayName } from '../model/display.js';
import type { DesiredOutplan } from '../model/desired.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { formatPosition } from '../model/diagnostic.js';

/**
 * Names and id pins must be unique across every loaded file: the planner matches live
 * outplans by them, and a second declaration would silently win. Both places are named.
 *
 * One exception: VoIPBIN allows two live outplans with the same name, and a config can
 * only describe such an account (as `export` writes it) if it may repeat a name. That is
 * safe when every declaration of the name carries an `id:` pin, because then no outplan
 * is matched by name at all.
 */
export function duplicateDiagnostics(outplans: readonly DesiredOutplan[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byName = new Map<string, DesiredOutplan>();
  const byPin = new Map<string, DesiredOutplan>();
  const unpinnedNames = new Set(outplans.filter((o) => o.pin === null).map((o) => o.fields.name));
  for (const outplan of outplans) {
    const name = outplan.fields.name;
    const first = byName.get(name);
    if (first === undefined) byName.set(name, outplan);
    else if (unpinnedNames.has(name)) {
      const firstAt = first.fieldAt.name ?? first.at;
      out.push({
        severity: 'error',
        code: 'duplicate-name',
        message: `outplan name ${displayName(name)} is already declared at ${formatPosition(firstAt)}`,
        hint: 'Names are unique across all files; rename one or remove it. (To describe two live outplans that share a name, pin each with `id:`.)',
        at: outplan.fieldAt.name ?? outplan.at,
        related: [firstAt],
      });
    }
    if (outplan.pin === null) continue;
    const pinned = byPin.get(outplan.pin);
    if (pinned === undefined) byPin.set(outplan.pin, outplan);
    else {
      const firstAt = pinned.fieldAt.id ?? pinned.at;
      out.push({
        severity: 'error',
        code: 'duplicate-id',
        message: `id ${outplan.pin} is already pinned by ${displayName(pinned.fields.name)} at ${formatPosition(firstAt)}`,
        hint: 'One live outplan can back only one declared outplan; remove one of the pins.',
        at: outplan.fieldAt.id ?? outplan.at,
        related: [firstAt],
      });
    }
  }
  return out;
}
