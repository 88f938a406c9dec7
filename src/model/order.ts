/**
 * The one string order: code-unit order, locale-independent, so plans, exports, digests and
 * file walks sort the same on every machine.
 */
import type { Position } from './diagnostic.js';

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** By file, then line, then column; a missing position sorts first. */
export function comparePositions(a: Position | undefined, b: Position | undefined): number {
  if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
  return compareStrings(a.file, b.file) || a.line - b.line || a.col - b.col;
}
