import type { Diagnostic, Position } from '../model/diagnostic.js';

/** A finding about one outplan, before findings at a shared `defaults:` entry are merged. */
export interface OutplanFinding {
  readonly diagnostic: Omit<Diagnostic, 'message'>;
  /** The message without the outplan's name, e.g. `dial_timeout 10s is under 15s`. */
  readonly message: string;
  readonly outplanName: string;
}

const LISTED_NAMES = 5;

/**
 * One diagnostic per place: a value inherited from `defaults:` by 40 outplans is one
 * problem at one line, reported once with the outplans it affects.
 */
export function mergeFindings(findings: readonly OutplanFinding[]): Diagnostic[] {
  const groups = new Map<string, OutplanFinding[]>();
  for (const finding of findings) {
    const key = `${finding.diagnostic.code}|${keyOf(finding.diagnostic.at)}|${finding.message}`;
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  return [...groups.values()].map((group) => {
    const names = group.map((f) => `"${f.outplanName}"`);
    const who =
      names.length === 1
        ? `outplan ${names[0]}`
        : `${names.length} outplans (${names.slice(0, LISTED_NAMES).join(', ')}${names.length > LISTED_NAMES ? ', …' : ''})`;
    return { ...group[0]!.diagnostic, message: `${who}: ${group[0]!.message}` };
  });
}

function keyOf(at: Position | undefined): string {
  return at === undefined ? '' : `${at.file}:${at.line}:${at.col}`;
}
