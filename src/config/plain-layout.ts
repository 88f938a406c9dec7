/**
 * Finds the pieces of a config file in the common ("plain") layout, so a large file can be
 * parsed a piece at a time (load-streamed.ts) instead of as one YAML document:
 *
 *     # comments and blank lines
 *     defaults:            <- a top-level key at column 0, its block below it
 *       try_interval: 1h
 *     outplans:            <- nothing after the colon but a comment
 *       - name: a          <- an item: `-` at the list's indentation
 *         detail: x
 *       - name: b
 *     policy: ...
 *
 * This is a line scanner and deliberately narrow: any line it does not understand makes it
 * give up, and the caller parses the whole document as before. It only decides where pieces
 * start; whether the split was right is proven by the pieces themselves: every split line
 * starts at column 0 (a top-level key) or at the list's indentation (an item), where no
 * block scalar or plain scalar of the piece before can continue (yaml's lexer ends those at
 * any line indented no deeper than their parent), and a quoted scalar or flow collection that
 * runs across a split line leaves the piece before unterminated, which yaml reports as an
 * error, which makes the caller fall back.
 */

/** A top-level key's block: from its key line up to the next top-level key line (or EOF). */
export interface TopBlock {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

export interface PlainLayout {
  /** Every top-level key in file order; exactly one is `outplans`. */
  readonly blocks: readonly TopBlock[];
  /** The start of each `outplans:` item, then the end of the last one. */
  readonly itemBounds: readonly number[];
  /** Offset of the first item's `-` (where yaml starts the list node). */
  readonly listStart: number;
  /** Offset of every line start: 0 and after each `\n`, as yaml's LineCounter records them. */
  readonly lineStarts: readonly number[];
}

export type LayoutResult =
  | { readonly ok: true; readonly layout: PlainLayout }
  | { readonly ok: false; readonly reason: string };

/** A top-level key this scanner accepts: a plain word directly followed by `:`. */
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_]*):(?=[ \t]|$)/;
/** What may follow `outplans:` on its line: the list must be a block below it. */
const BARE_REST = /^[ \t]*(?:#.*)?$/;

class Unusual extends Error {}

function unusual(reason: string, lineIndex: number): never {
  throw new Unusual(`${reason} (line ${lineIndex + 1})`);
}

/** The plain layout's pieces, or why the file is not in it. */
export function plainLayout(text: string): LayoutResult {
  if (text.charCodeAt(0) === 0xfeff) return { ok: false, reason: 'byte order mark' };
  if (/\r(?!\n)/.test(text)) return { ok: false, reason: 'carriage return without line feed' };
  try {
    return { ok: true, layout: scan(text) };
  } catch (error) {
    if (error instanceof Unusual) return { ok: false, reason: error.message };
    throw error;
  }
}

function scan(text: string): PlainLayout {
  const lineStarts = [0];
  const blocks: TopBlock[] = [];
  const itemBounds: number[] = [];
  const keys = new Set<string>();
  let open: { key: string; start: number } | null = null;
  let listIndent = -1;
  let listStart = -1;
  let inOutplans = false;
  let lineIndex = 0;
  for (let start = 0; start < text.length; lineIndex++) {
    const newline = text.indexOf('\n', start);
    const lineEnd = newline === -1 ? text.length : newline;
    const next = newline === -1 ? text.length : newline + 1;
    if (newline !== -1) lineStarts.push(next);
    const line = text.slice(start, text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd);
    const indent = line.search(/[^ ]/);
    const first = indent === -1 ? '' : line[indent]!;
    if (indent === -1 || first === '#' || /^[ \t]*$/.test(line)) {
      // Blank or comment: it stays with the piece it follows.
    } else if (first === '\t') {
      unusual('tab in indentation', lineIndex);
    } else if (indent === 0 && KEY_LINE.test(line)) {
      const key = KEY_LINE.exec(line)![1]!;
      if (keys.has(key)) unusual(`top-level key \`${key}\` repeated`, lineIndex);
      if (key === '__proto__') unusual('top-level key `__proto__`', lineIndex);
      keys.add(key);
      if (open !== null) blocks.push({ ...open, end: start });
      if (inOutplans) itemBounds.push(start);
      open = { key, start };
      inOutplans = key === 'outplans';
      if (inOutplans && !BARE_REST.test(line.slice(key.length + 1)))
        unusual('`outplans:` has a value on its own line', lineIndex);
    } else if (open === null) {
      unusual('content before the first top-level key', lineIndex);
    } else if (inOutplans && (listIndent === -1 || indent === listIndent)) {
      if (!isItemStart(line, indent)) unusual('not a list item under `outplans:`', lineIndex);
      if (listIndent === -1) listStart = start + indent;
      listIndent = indent;
      itemBounds.push(start);
    } else if (indent === 0 || (inOutplans && indent < listIndent)) {
      unusual('a line the plain layout does not allow here', lineIndex);
    }
    start = next;
  }
  if (open !== null) blocks.push({ ...open, end: text.length });
  if (inOutplans) itemBounds.push(text.length);
  if (!keys.has('outplans') || listStart === -1)
    unusual('no block list under `outplans:`', lineIndex - 1);
  return { blocks, itemBounds, listStart, lineStarts };
}

/** `-` followed by a space or the end of the line: a block sequence entry. */
function isItemStart(line: string, indent: number): boolean {
  return line[indent] === '-' && (line.length === indent + 1 || line[indent + 1] === ' ');
}
