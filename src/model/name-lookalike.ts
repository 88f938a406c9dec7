/**
 * Names that look the same but are not. VoIPBIN compares names byte for byte, so `Café`
 * written with a combining accent (NFD), a name with a zero-width space, or one pasted
 * with a leading byte-order mark is a different outplan from the one a reviewer sees. One
 * definition of "invisible" and of "looks the same" for validate's warnings, the plan's
 * warnings and every escaped display of a name.
 */

/**
 * Characters that render as nothing: Unicode's Default_Ignorable_Code_Point set. It holds
 * the zero-width space and (non-)joiners U+200B-U+200D, the word joiner U+2060, the BOM
 * U+FEFF, the bidirectional marks, embeddings, overrides and isolates (U+200E/F,
 * U+202A-U+202E, U+2066-U+2069), the soft hyphen U+00AD, the combining grapheme joiner,
 * Hangul fillers, variation selectors and tag characters.
 */
export const INVISIBLE_PATTERN = /\p{Default_Ignorable_Code_Point}/gu;

/** The JSON-style escape of one character: `\u200b`, a surrogate pair for astral ones. */
export function unicodeEscape(ch: string): string {
  let out = '';
  for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

const NAMES: Readonly<Record<number, string>> = {
  0x00ad: 'soft hyphen',
  0x200b: 'zero-width space',
  0x200c: 'zero-width non-joiner',
  0x200d: 'zero-width joiner',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2060: 'word joiner',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
  0xfeff: 'byte-order mark',
};

export interface InvisibleChar {
  /** `U+200B` */
  readonly codePoint: string;
  /** How displays show it: `\u200b`. */
  readonly escaped: string;
  /** `zero-width space`; a generic description for the rarer ones. */
  readonly description: string;
}

/** The distinct invisible characters in a name, in order of first appearance. */
export function invisibleCharsIn(name: string): InvisibleChar[] {
  const seen = new Set<string>();
  const out: InvisibleChar[] = [];
  for (const [ch] of name.matchAll(INVISIBLE_PATTERN)) {
    if (seen.has(ch)) continue;
    seen.add(ch);
    const cp = ch.codePointAt(0)!;
    out.push({
      codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`,
      escaped: unicodeEscape(ch),
      description: NAMES[cp] ?? 'invisible formatting character',
    });
  }
  return out;
}

/** `Sales\u200b`: the name with every invisible character written as its escape. */
export function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE_PATTERN, unicodeEscape);
}

/**
 * What a name looks like: invisible characters removed and compatibility-normalised
 * (NFKC: composed accents, `ﬁ` as `fi`, a no-break space as a space). Two names with the
 * same key read the same to a person; names that differ only in case do not share a key
 * (case is visible).
 */
export function lookalikeKey(name: string): string {
  const strip = (text: string) => text.replace(INVISIBLE_PATTERN, '');
  return strip(strip(name).normalize('NFKC'));
}

/** Different names that a person would read as the same. */
export function areLookalikes(a: string, b: string): boolean {
  return a !== b && lookalikeKey(a) === lookalikeKey(b);
}
