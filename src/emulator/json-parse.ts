/**
 * A small strict JSON parser that keeps what `JSON.parse` throws away and the service
 * depends on: the literal text of numbers (Go's decoder rejects `1.0` and `1e3` for an
 * integer field) and every object key in order, duplicates included (Go applies them in
 * order, so a later `null` leaves an earlier value in place).
 *
 * Like Go's `json.Decoder.Decode`, it reads one value and ignores whatever follows it.
 */

export class JsonNumber {
  constructor(readonly raw: string) {}
}

export class JsonObject {
  constructor(readonly entries: ReadonlyArray<readonly [string, JsonValue]>) {}
}

export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;

export class JsonSyntaxError extends Error {}

const MAX_DEPTH = 1000;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Parses the first JSON value of `text`. Throws JsonSyntaxError (also for an empty body). */
export function parseFirstJsonValue(text: string): JsonValue {
  const parser = new Parser(text);
  parser.skipSpace();
  if (parser.atEnd()) throw new JsonSyntaxError('empty body');
  return parser.value(0);
}

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos]!)) this.pos++;
  }

  value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError('nesting too deep');
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (c === 't') return this.literal('true', true);
    if (c === 'f') return this.literal('false', false);
    if (c === 'n') return this.literal('null', null);
    return this.number();
  }

  private fail(what: string): never {
    throw new JsonSyntaxError(`${what} at offset ${this.pos}`);
  }

  private expect(char: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== char) this.fail(`expected '${char}'`);
    this.pos++;
  }

  private literal<T>(word: string, result: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail('invalid literal');
    this.pos += word.length;
    return result;
  }

  private number(): JsonNumber {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) this.fail('unexpected character');
    this.pos += m[0].length;
    return new JsonNumber(m[0]);
  }

  private string(): string {
    this.pos++; // opening quote
    let out = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) this.fail('unterminated string');
      if (c === '"') break;
      if (c < ' ') this.fail('control character in string');
      if (c === '\\') {
        out += this.escape();
        continue;
      }
      out += c;
      this.pos++;
    }
    this.pos++;
    // Go replaces invalid UTF-16 (lone surrogates from \u escapes) with U+FFFD.
    return out.replace(LONE_SURROGATE, '\ufffd');
  }

  private escape(): string {
    const e = this.text[this.pos + 1];
    if (e === 'u') {
      const hex = this.text.slice(this.pos + 2, this.pos + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\u escape');
      this.pos += 6;
      return String.fromCharCode(parseInt(hex, 16));
    }
    const mapped = e === undefined ? undefined : ESCAPES[e];
    if (mapped === undefined) this.fail('invalid escape');
    this.pos += 2;
    return mapped;
  }

  private array(depth: number): JsonValue[] {
    this.pos++;
    const items: JsonValue[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.value(depth + 1));
      this.skipSpace();
      if (this.text[this.pos] === ',') {
        this.pos++;
        continue;
      }
      this.expect(']');
      return items;
    }
  }

  private object(depth: number): JsonObject {
    this.pos++;
    const entries: Array<readonly [string, JsonValue]> = [];
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return new JsonObject(entries);
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail('expected a string key');
      const key = this.string();
      this.expect(':');
      entries.push([key, this.value(depth + 1)]);
      this.skipSpace();
      if (this.text[this.pos] === ',') {
        this.pos++;
        continue;
      }
      this.expect('}');
      return new JsonObject(entries);
    }
  }
}
