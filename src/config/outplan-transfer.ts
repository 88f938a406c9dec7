/**
 * Declared outplans in the shape they cross from the config worker to the main thread.
 *
 * Every outplan carries a position per field, and structured clone copies each position's
 * file name as a string of its own: at 10 000 outplans that is 110 000 position objects and
 * as many copies of the same path, ~10 MB to deserialise in ~150 ms on the thread that
 * drives the listing. Here positions travel as integers in one Int32Array (file names and
 * field keys as indexes into a table of strings) and are rebuilt on arrival, every position
 * of a file sharing one string: ~4× fewer bytes, ~3× less main-thread time, less memory.
 * Pure: no I/O; the worker serialises the parts, the host deserialises them.
 */
import type { DesiredOutplan } from '../model/desired.js';
import type { Position } from '../model/diagnostic.js';

/** One batch of outplans: values as they are, positions packed. */
export interface PackedOutplans {
  /** `fields` and `pin` of each outplan, in order. */
  readonly values: readonly Pick<DesiredOutplan, 'fields' | 'pin'>[];
  /** File names and `fieldAt` keys, indexed by `positions`. */
  readonly strings: readonly string[];
  /**
   * Per outplan: `at` as (file, line, col), then the number of `fieldAt` entries, then
   * (key, file, line, col) for each, in the object's own key order.
   */
  readonly positions: Int32Array<ArrayBuffer>;
}

export function packOutplans(outplans: readonly DesiredOutplan[]): PackedOutplans {
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const intern = (text: string): number => {
    let index = indexOf.get(text);
    if (index === undefined) {
      index = strings.push(text) - 1;
      indexOf.set(text, index);
    }
    return index;
  };
  let size = 0;
  for (const outplan of outplans) size += 4 + 4 * Object.keys(outplan.fieldAt).length;
  const positions = new Int32Array(size);
  let next = 0;
  const put = (position: Position): void => {
    positions[next++] = intern(position.file);
    positions[next++] = position.line;
    positions[next++] = position.col;
  };
  const values: Pick<DesiredOutplan, 'fields' | 'pin'>[] = [];
  for (const outplan of outplans) {
    values.push({ fields: outplan.fields, pin: outplan.pin });
    put(outplan.at);
    const entries = Object.entries(outplan.fieldAt) as [string, Position][];
    positions[next++] = entries.length;
    for (const [key, position] of entries) {
      positions[next++] = intern(key);
      put(position);
    }
  }
  return { values, strings, positions };
}

export function unpackOutplans(packed: PackedOutplans): DesiredOutplan[] {
  const { values, strings, positions } = packed;
  let next = 0;
  const take = (): Position => {
    const file = strings[positions[next]!]!;
    const position = { file, line: positions[next + 1]!, col: positions[next + 2]! };
    next += 3;
    return position;
  };
  const out: DesiredOutplan[] = [];
  for (const value of values) {
    const at = take();
    const fieldAt: Record<string, Position> = {};
    const count = positions[next++]!;
    for (let i = 0; i < count; i++) {
      const key = strings[positions[next++]!]!;
      fieldAt[key] = take();
    }
    out.push({ fields: value.fields, pin: value.pin, at, fieldAt });
  }
  if (next !== positions.length) {
    throw new Error(
      `outplan transfer: ${values.length} outplans took ${next} position values, but ${positions.length} were sent`,
    );
  }
  return out;
}
