/**
 * The plan's one ordering, so output is identical whatever order files and pages arrived
 * in: deletes first (the risky part a reviewer must see), then creates and updates by name.
 */
import { compareStrings } from '../model/order.js';
import type { Change } from './types.js';

export { compareStrings, comparePositions } from '../model/order.js';

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
