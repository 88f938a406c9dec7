/**
 * How a value is named in messages and what kind of value it is, both read from where it
 * sits in the document (ajv's instance path, split into segments).
 */

export type ValueKind =
  'duration' | 'tel-target' | 'id' | 'name' | 'caller-id' | 'source-type' | 'other';

const DURATION_KEYS: ReadonlySet<string> = new Set(['dial_timeout', 'try_interval']);

export function kindOf(segments: readonly string[]): ValueKind {
  const last = segments[segments.length - 1] ?? '';
  const parent = segments[segments.length - 2] ?? '';
  if (DURATION_KEYS.has(last)) return 'duration';
  if ((last === 'min' || last === 'max') && DURATION_KEYS.has(parent)) return 'duration';
  if (parent === 'source' && last === 'target') return 'tel-target';
  if (parent === 'source' && last === 'type') return 'source-type';
  if (segments[0] === 'outplans' && segments.length === 3 && last === 'id') return 'id';
  if (segments[0] === 'outplans' && segments.length === 3 && last === 'name') return 'name';
  if (parent === 'caller_ids') return 'caller-id';
  return 'other';
}

/** `outplans[2].source.target`, `policy.dial_timeout.min`: how a value is named in messages. */
export function fieldLabel(segments: readonly string[]): string {
  let out = '';
  for (const segment of segments) {
    out += /^\d+$/.test(segment) ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  }
  return out === '' ? 'the file' : out;
}
