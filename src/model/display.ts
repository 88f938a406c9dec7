/**
 * How API-supplied text (outplan and campaign names, ids, details, source subfields) is put
 * into terminal output and messages. Live values come from the API unvalidated, so a raw one
 * could forge plan lines with a newline, drive the terminal with ANSI escapes, or hide a
 * GitHub workflow command (`::error::`) in a CI log. Every such value goes through one of
 * these functions; JSON output is escaped by JSON itself (see `escapeJsonText`).
 */
import { unicodeEscape } from './name-lookalike.js';

/**
 * Characters never written raw: C0 controls (including newline and tab), DEL, C1 controls
 * (U+009B is a one-byte CSI on some terminals), the line and paragraph separators, unpaired
 * surrogates (in a `u` pattern a surrogate range matches only unpaired ones), and every
 * invisible character (`INVISIBLE_PATTERN`: zero-width spaces and joiners, the BOM, and the
 * bidirectional controls that can reorder what a reviewer reads, "Trojan Source"), so a
 * name that differs from another only invisibly shows the difference.
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff]|\p{Default_Ignorable_Code_Point}/gu;

const SHORT: Readonly<Record<string, string>> = {
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function escapeChar(ch: string): string {
  return SHORT[ch] ?? unicodeEscape(ch);
}

/** The text with every unsafe character written as a JSON-style escape (`\n`, `\u001b`); no quotes added. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/**
 * A name as text output shows it: double-quoted, with `"` and `\` backslash-escaped and
 * every unsafe character escaped, JSON-like: `"Sales"`, `"evil\n+ create \"x\"\u001b[31m"`.
 * One line, always; a name can never end the quotes early.
 */
export function displayName(name: string): string {
  return `"${escapeControls(name.replace(/[\\"]/g, '\\$&'))}"`;
}

/** Ids, source types and numbers as they usually are: shown bare; anything else quoted. */
const PLAIN_TOKEN = /^[A-Za-z0-9+._@:/#*=-]+$/;

/**
 * An id or a similar token: bare when it is plain (`00000000-0000-…`, `tel`, `+1555…`,
 * `sip:a@b`), else quoted and escaped as `displayName` does, so an odd value is visible.
 */
export function displayToken(text: string): string {
  return PLAIN_TOKEN.test(text) ? text : displayName(text);
}

/**
 * One line of a multi-line value (a `detail` shown line by line): unsafe characters
 * escaped, and a leading `::` or `##[` (after any spaces) written as `\u003a:` or
 * `\u0023#[`, because the GitHub Actions runner reads a log line that starts with either
 * (after trimming its leading spaces) as a workflow command.
 */
export function displayLine(line: string): string {
  return escapeControls(line).replace(
    /^(\s*)(?=::|##\[)(.)/,
    (_match, spaces: string, first: string) => spaces + unicodeEscape(first),
  );
}

/** What `JSON.stringify` leaves raw among `UNSAFE` (it escapes C0 and lone surrogates itself). */
const JSON_RAW = /[\u007f-\u009f\u2028\u2029]|\p{Default_Ignorable_Code_Point}/gu;

/**
 * A `JSON.stringify` text with the characters it leaves raw (DEL, C1 controls, U+2028/9,
 * invisible characters including the bidi controls) written as `\u` escapes. The parsed value is identical: these characters
 * can only occur inside strings, where a `\u` escape is always valid.
 */
export function escapeJsonText(json: string): string {
  return json.replace(JSON_RAW, unicodeEscape);
}
