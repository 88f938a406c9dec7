/**
 * A linear pre-scan of a file's text, run before the YAML parser sees it.
 *
 * The `yaml` parser recurses per nesting level: 1 MB of `[` takes seconds and 4 MB
 * exhausts the heap. Binary garbage parses as one long scalar and gives a confusing
 * message. This scan catches both in one cheap pass over the characters, so hostile
 * input costs milliseconds and gets a clear message.
 */

/** Far deeper than any outplan file needs (its deepest path is 4 levels). */
export const MAX_NESTING = 64;

export type ScanProblem =
  { kind: 'not-text'; offset: number; charCode: number } | { kind: 'too-deep'; offset: number };

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

// YAML's printable set excludes C0 controls other than tab/LF/CR, and DEL.
function isForbiddenControl(code: number): boolean {
  return (code < SPACE && code !== TAB && code !== LF && code !== CR) || code === 0x7f;
}

/**
 * Flow collections (`[`, `{`) and compact block sequences (`- - -`) are what can nest
 * without adding lines; we count those at positions where YAML treats them as
 * indicators, skipping quoted scalars and comments. Block nesting by indentation needs
 * a line per level, which the file-size limit already bounds.
 */
export function scanText(text: string): ScanProblem | null {
  let flowDepth = 0;
  let lineDashes = 0;
  let atLineStart = true;
  // Whether the last significant character leaves us where YAML expects a new node
  // (line start, after `: `, `- `, `? `, or `[`, `{`, `,` inside flow).
  let expectingNode = true;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isForbiddenControl(code)) {
      return { kind: 'not-text', offset: i, charCode: code };
    }
    if (quote !== 0) {
      if (code === 0x5c /* \ */ && quote === 0x22) i++;
      else if (code === quote) {
        if (quote === 0x27 && text.charCodeAt(i + 1) === 0x27) i++;
        else {
          quote = 0;
          expectingNode = false;
        }
      }
      continue;
    }
    if (code === LF) {
      atLineStart = true;
      lineDashes = 0;
      if (flowDepth === 0) expectingNode = true;
      continue;
    }
    if (code === SPACE || code === TAB || code === CR) continue;
    if (code === 0x23 /* # */ && isSpaceOrStart(text, i)) {
      i = skipToLineEnd(text, i);
      continue;
    }
    if (expectingNode && (code === 0x22 || code === 0x27)) {
      quote = code;
      continue;
    }
    const spaced = isSpaceOrEnd(text, i + 1);
    if (atLineStart && code === 0x2d /* - */ && spaced) {
      if (++lineDashes > MAX_NESTING) return { kind: 'too-deep', offset: i };
      expectingNode = true;
      continue;
    }
    atLineStart = false;
    if (expectingNode && (code === 0x5b || code === 0x7b) /* [ { */) {
      if (++flowDepth > MAX_NESTING) return { kind: 'too-deep', offset: i };
      expectingNode = true;
    } else if ((code === 0x5d || code === 0x7d) /* ] } */ && flowDepth > 0) {
      flowDepth--;
      expectingNode = false;
    } else if (code === 0x3a /* : */ || code === 0x2d /* - */ || code === 0x3f /* ? */) {
      expectingNode = spaced || (code === 0x3a && flowDepth > 0);
    } else {
      expectingNode = code === 0x2c /* , */ && flowDepth > 0;
    }
  }
  return null;
}

function isSpaceOrStart(text: string, i: number): boolean {
  if (i === 0) return true;
  const before = text.charCodeAt(i - 1);
  return before === SPACE || before === TAB || before === LF || before === CR;
}

function isSpaceOrEnd(text: string, i: number): boolean {
  if (i >= text.length) return true;
  const code = text.charCodeAt(i);
  return code === SPACE || code === TAB || code === LF || code === CR;
}

function skipToLineEnd(text: string, i: number): number {
  const end = text.indexOf('\n', i);
  return end === -1 ? text.length : end - 1;
}
