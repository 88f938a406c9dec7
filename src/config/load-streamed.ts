import {
  Document,
  LineCounter,
  Pair,
  Scalar,
  YAMLSeq,
  YAMLMap,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Node,
} from 'yaml';
import type { Diagnostic } from '../model/diagnostic.js';
import { assembleFileOutplans, readDefaults, readItem, type ItemFacts } from './build-outplans.js';
import type { FileLoad } from './file-load-result.js';
import { MAX_ALIAS_COUNT } from './parse-yaml.js';
import { plainLayout, type PlainLayout } from './plain-layout.js';
import { schemaDiagnostics } from './schema-diagnostics.js';
import { validateAgainstSchema, type SchemaErrors } from './schema.js';
import type { SourceMap } from './yaml-nodes.js';

export type StreamedLoad =
  { readonly ok: true; readonly load: FileLoad } | { readonly ok: false; readonly reason: string };

/** A parsed piece of the file, or why the whole document must be parsed instead. */
type Piece = { ok: true; doc: Document.Parsed; text: string } | { ok: false; reason: string };

/**
 * One file's load, a piece at a time: each top-level key's block and each `outplans:` item
 * is parsed as its own small YAML document, everything that needs its nodes (values,
 * positions of written fields, duration checks) is read from it, and its nodes are then
 * dropped, so memory stays flat however many outplans the file has. The schema validates
 * the plain value of the whole file once, as for a whole-document load; the few items it
 * rejects are parsed again to place its errors.
 *
 * Only for a file in the plain layout (plain-layout.ts), and only when no piece has any YAML
 * error or warning, anchor, alias or tag: anything else returns `ok: false` and the caller
 * parses the whole document, which reports it. When this succeeds, the result is the
 * whole-document load's (test/config/load-streamed.test.ts holds it to that).
 */
export function loadStreamed(text: string, file: string): StreamedLoad {
  const split = plainLayout(text);
  if (!split.ok) return split;
  const { layout } = split;
  const lineCounter = new LineCounter();
  for (const start of layout.lineStarts) lineCounter.addNewLine(start);

  const value: Record<string, unknown> = {};
  const pairs: Pair[] = [];
  const items: unknown[] = [];
  const list = new YAMLSeq();
  for (const block of layout.blocks) {
    if (block.key === 'outplans') {
      const key = new Scalar('outplans');
      key.range = [block.start, block.start + 8, block.start + 8];
      pairs.push(new Pair(key, list));
      value.outplans = items;
      continue;
    }
    const piece = parsePiece(text, block.start, block.end);
    if (!piece.ok) return piece;
    const contents = piece.doc.contents;
    const pair = isMap(contents) && contents.items.length === 1 ? contents.items[0] : undefined;
    if (pair === undefined) return { ok: false, reason: `\`${block.key}:\` is not one key` };
    if (!isScalar(pair.key) || pair.key.value !== block.key) {
      return { ok: false, reason: `\`${block.key}:\` does not read as that key` };
    }
    value[block.key] = (
      piece.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>
    )[block.key];
    shiftRanges(pair, block.start);
    pairs.push(pair);
  }

  const itemDiagnostics: Diagnostic[] = [];
  const facts: ItemFacts[] = [];
  const bounds = layout.itemBounds;
  for (let index = 0; index + 1 < bounds.length; index++) {
    const piece = parseItem(text, bounds[index]!, bounds[index + 1]!);
    if (!piece.ok) return piece;
    const raw = (piece.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown[])[0];
    items.push(raw);
    const source: SourceMap = {
      file,
      text: piece.text,
      doc: piece.doc,
      lineCounter,
      base: bounds[index],
    };
    facts.push(readItem(source, piece.node, raw, index, itemDiagnostics));
  }

  const errors = validateAgainstSchema(value);
  placeRejectedItems(text, layout, errors, list);
  const source = wholeFileSource(file, text, lineCounter, layout, pairs, list);
  const diagnostics = schemaDiagnostics(source, errors);
  const builtDiagnostics: Diagnostic[] = [];
  const defaults = readDefaults(source, value, builtDiagnostics);
  builtDiagnostics.push(...itemDiagnostics);
  const rejected = new Set(errors.map((error) => error.instancePath));
  const built = assembleFileOutplans(source, value, {
    defaults,
    items: facts,
    rejected,
    diagnostics: builtDiagnostics,
  });
  diagnostics.push(...built.diagnostics);
  const policy = value.policy;
  return {
    ok: true,
    load: {
      diagnostics,
      outplans: built.outplans,
      invalidFields: built.invalidFields,
      pruneExclusions: built.pruneExclusions,
      policy:
        policy !== null && typeof policy === 'object' && !Array.isArray(policy)
          ? { source, value: policy as Record<string, unknown> }
          : null,
    },
  };
}

function parsePiece(text: string, start: number, end: number): Piece {
  const pieceText = text.slice(start, end);
  const doc = parseDocument(pieceText, { prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem !== undefined) {
    return { ok: false, reason: `YAML ${problem.code} in the piece at offset ${start}` };
  }
  // Anchors, aliases and tags may reach across pieces or change what a value is: the whole
  // document decides. The characters are rare enough that the visit is too.
  if (/[&*!]/.test(pieceText) && hasAnchorAliasOrTag(doc)) {
    return { ok: false, reason: `anchor, alias or tag in the piece at offset ${start}` };
  }
  return { ok: true, doc, text: pieceText };
}

/** An `outplans:` item's piece: a list of exactly that one item. */
function parseItem(
  text: string,
  start: number,
  end: number,
): (Piece & { ok: true; node: Node | null }) | { ok: false; reason: string } {
  const piece = parsePiece(text, start, end);
  if (!piece.ok) return piece;
  const contents = piece.doc.contents;
  if (!isSeq(contents) || contents.items.length !== 1) {
    return { ok: false, reason: `the item at offset ${start} is not one list item` };
  }
  return { ...piece, node: contents.items[0] as Node | null };
}

function hasAnchorAliasOrTag(doc: Document.Parsed): boolean {
  let found = false;
  visit(doc, (_key, node) => {
    if (isAlias(node) || ((isScalar(node) || isCollection(node)) && (node.anchor || node.tag))) {
      found = true;
      return visit.BREAK;
    }
    return undefined;
  });
  return found;
}

/** Makes a piece's node offsets the file's. */
function shiftRanges(node: unknown, by: number): void {
  if (isPair(node)) {
    shiftRanges(node.key, by);
    shiftRanges(node.value, by);
    return;
  }
  if (!isScalar(node) && !isCollection(node)) return;
  if (node.range) node.range = [node.range[0] + by, node.range[1] + by, node.range[2] + by];
  if (isCollection(node)) for (const item of node.items) shiftRanges(item, by);
}

/**
 * Parses again, with the file's offsets, the items the schema rejected, and puts them in
 * place in `list` (the other places stay empty: no error points into them).
 */
function placeRejectedItems(
  text: string,
  layout: PlainLayout,
  errors: SchemaErrors,
  list: YAMLSeq,
): void {
  const bounds = layout.itemBounds;
  const rejected = new Set<number>();
  for (const error of errors) {
    const match = /^\/outplans\/(\d+)(?:\/|$)/.exec(error.instancePath);
    if (match) rejected.add(Number(match[1]));
  }
  for (const index of rejected) {
    const piece = parseItem(text, bounds[index]!, bounds[index + 1]!);
    // It parsed cleanly a moment ago; the same text parses the same way again.
    if (!piece.ok) throw new Error(`streamed config load: ${piece.reason}`);
    shiftRanges(piece.node, bounds[index]!);
    list.items[index] = piece.node;
  }
}

/**
 * A document standing for the whole file, as far as anything still asks for positions: the
 * top-level keys with their (small) blocks, and the `outplans:` list with only the items
 * placeRejectedItems put in. Ranges are the file's, as a whole-document parse has them.
 */
function wholeFileSource(
  file: string,
  text: string,
  lineCounter: LineCounter,
  layout: PlainLayout,
  pairs: Pair[],
  list: YAMLSeq,
): SourceMap {
  const end = text.length;
  list.range = [layout.listStart, end, end];
  const root = new YAMLMap();
  root.items = pairs;
  root.range = [layout.blocks[0]!.start, end, end];
  const doc = new Document();
  doc.contents = root;
  return { file, text, doc: doc as unknown as Document.Parsed, lineCounter };
}
