import type { DesiredOutplan } from '../model/desired.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { formatPosition } from '../model/diagnostic.js';

/**
 * Names and id pins must be unique across every loaded file: the planner matches live
 * outplans by them, and a second declaration would silently win. Both places are named.
 */
export function duplicateDiagnostics(outplans: readonly DesiredOutplan[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byName = new Map<string, DesiredOutplan>();
  const byPin = new Map<string, DesiredOutplan>();
  for (const outplan of outplans) {
    const name = outplan.fields.name;
    const first = byName.get(name);
    if (first === undefined) byName.set(name, outplan);
    else {
      const firstAt = first.fieldAt.name ?? first.at;
      out.push({
        severity: 'error',
        code: 'duplicate-name',
        message: `outplan name "${name}" is already declared at ${formatPosition(firstAt)}`,
        hint: 'Names are unique across all files; rename one or remove it.',
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
        message: `id ${outplan.pin} is already pinned by "${pinned.fields.name}" at ${formatPosition(firstAt)}`,
        hint: 'One live outplan can back only one declared outplan; remove one of the pins.',
        at: outplan.fieldAt.id ?? outplan.at,
        related: [firstAt],
      });
    }
  }
  return out;
}
