import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Document,
  type LineCounter,
  type Node,
} from 'yaml';
import type { Position } from '../model/diagnostic.js';

/** A parsed file and what is needed to point into it. */
export interface SourceMap {
  readonly file: string;
  /** The file's text, to quote a value as written (the Document keeps no source text). */
  readonly text: string;
  readonly doc: Document.Parsed;
  /** Line starts of the whole file. */
  readonly lineCounter: LineCounter;
  /**
   * Where `text` starts in the file, when the map covers one piece of it (a streamed
   * load parses each outplan on its own; load-streamed.ts): node offsets are relative to
   * the piece, positions are the file's.
   */
  readonly base?: number;
}

export function positionOfOffset(map: SourceMap, offset: number): Position {
  const { line, col } = map.lineCounter.linePos(offset + (map.base ?? 0));
  return { file: map.file, line, col };
}

export function positionOfNode(map: SourceMap, node: Node | null | undefined): Position {
  return positionOfOffset(map, node?.range?.[0] ?? 0);
}

/** Follows an alias to the node it names (positions then point at the anchor). */
export function resolved(map: SourceMap, node: unknown): Node | undefined {
  if (isAlias(node)) return node.resolve(map.doc) as Node | undefined;
  return (node ?? undefined) as Node | undefined;
}

/** The key node and value node of `key` in a mapping node, if present. */
export function entryOf(
  map: SourceMap,
  node: unknown,
  key: string,
): { key: Node; value: Node | undefined } | undefined {
  const target = resolved(map, node);
  if (!isMap(target)) return undefined;
  // Last wins, as in toJS, so a duplicate key points at the value actually used.
  for (let i = target.items.length - 1; i >= 0; i--) {
    const pair = target.items[i]!;
    if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key) {
      return { key: pair.key, value: resolved(map, pair.value) };
    }
  }
  return undefined;
}

export function itemOf(map: SourceMap, node: unknown, index: number): Node | undefined {
  const target = resolved(map, node);
  if (!isSeq(target)) return undefined;
  return resolved(map, target.items[index]);
}

/**
 * The nearest node for a JSON pointer's segments (ajv's instancePath), and whether it
 * is the exact node. For `asKey`, the key of the last segment (unknown properties are
 * shown at their key, which is where the typo is).
 */
export function nodeAtPath(
  map: SourceMap,
  segments: readonly string[],
  asKey = false,
): Node | undefined {
  let node: Node | undefined = resolved(map, map.doc.contents);
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const last = i === segments.length - 1;
    if (isSeq(node)) {
      const next = itemOf(map, node, Number(segment));
      if (next === undefined) return node;
      node = next;
    } else if (isMap(node)) {
      const entry = entryOf(map, node, segment);
      if (entry === undefined) return node;
      if (last && asKey) return entry.key;
      node = entry.value ?? entry.key;
    } else {
      return node;
    }
  }
  return node;
}

export function pointerSegments(instancePath: string): string[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
