/**
 * The plan's one ordering, so output is identical whatever order files and pages arrived
 * in: deletes first (the risky part a reviewer must see), then creates and updates by name.
 */
import type { Position } from '../model/diagnostic.js';
import type { Change } from './types.js';

/** Code-unit order: locale-independent, so plans sort the same on every machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const ACTION_RANK = { delete: 0, update: 1, create: 2 } as const;

export function compareChanges(a: Change, b: Change): number {
  const aDelete = a.action === 'delete' ? 0 : 1;
  const bDelete = b.action === 'delete' ? 0 : 1;
  return (
    aDelete - bDelete ||
    compareStrings(a.name, b.name) ||
    ACTION_RANK[a.action] - ACTION_RANK[b.action] ||
    compareStrings(a.id ?? '', b.id ?? '') ||
    // Only reachable for two creates of one name, which identity already reports as a problem.
    compareStrings(JSON.stringify(a), JSON.stringify(b))
  );
}

export function comparePositions(a: Position | undefined, b: Position | undefined): number {
  if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
  return compareStrings(a.file, b.file) || a.line - b.line || a.col - b.col;
}
