import type { ErrorObject } from 'ajv/dist/2020.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { formatDuration } from '../model/duration.js';
import { closestMatch } from './suggest.js';
import { nodeAtPath, pointerSegments, positionOfNode, type SourceMap } from './yaml-nodes.js';

/**
 * Turns ajv's errors into diagnostics a person can act on, each at the YAML node it is
 * about. Wording depends on what the value is (a duration, a caller ID, an id pin), which
 * is read from where it sits in the document.
 */
export function schemaDiagnostics(source: SourceMap, errors: readonly ErrorObject[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const diagnostic = describe(source, error);
    if (diagnostic === null) continue;
    // Several keywords can fail for one value (pattern and minLength of a duration).
    const key = `${diagnostic.code}@${diagnostic.at?.line}:${diagnostic.at?.col}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(diagnostic);
  }
  return out;
}

type Kind = 'duration' | 'tel-target' | 'id' | 'name' | 'caller-id' | 'source-type' | 'other';

function kindOf(segments: readonly string[]): Kind {
  const last = segments[segments.length - 1] ?? '';
  const parent = segments[segments.length - 2] ?? '';
  if (last === 'dial_timeout' || last === 'try_interval') return 'duration';
  if (
    (last === 'min' || last === 'max') &&
    (parent === 'dial_timeout' || parent === 'try_interval')
  )
    return 'duration';
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

function describe(source: SourceMap, error: ErrorObject): Diagnostic | null {
  const segments = pointerSegments(error.instancePath);
  const at = positionOfNode(source, nodeAtPath(source, segments));
  const label = fieldLabel(segments);
  const kind = kindOf(segments);
  const data: unknown = error.data;
  switch (error.keyword) {
    case 'if':
      return null; // the failing `then` keyword is reported on its own
    case 'additionalProperties':
      return unknownKey(source, segments, error);
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      const hint =
        missing === 'try_interval'
          ? "Set try_interval on the outplan or in this file's `defaults:` (e.g. `try_interval: 1h`)."
          : undefined;
      return make(
        'missing-field',
        `${ownerLabel(segments)} is missing required field \`${missing}\``,
        at,
        hint,
      );
    }
    case 'type':
      return wrongType(kind, label, data, (error.params as { type: string }).type, at);
    case 'pattern':
    case 'minLength':
    case 'maxLength':
      return badString(kind, label, data, error, at);
    case 'minimum':
    case 'maximum':
      return make(
        'out-of-range',
        `${label} must be between 0 and 100, found ${String(data)}`,
        at,
        label.includes('max_try_count')
          ? 'max_try_count_N is the number of dial attempts for destination_N of a target.'
          : undefined,
      );
    case 'enum':
      return badEnum(label, data, (error.schema as readonly string[]) ?? [], at);
    case 'minItems':
    case 'minProperties':
      return make(
        'empty-value',
        `${label} must not be empty`,
        at,
        'Remove it, or give it a value.',
      );
    default:
      return make('schema', `${label} ${error.message ?? 'is invalid'}`, at);
  }
}

function make(code: string, message: string, at: Diagnostic['at'], hint?: string): Diagnostic {
  return hint === undefined
    ? { severity: 'error', code, message, at }
    : { severity: 'error', code, message, hint, at };
}

function ownerLabel(segments: readonly string[]): string {
  if (segments.length === 0) return 'the file';
  return fieldLabel(segments);
}

function unknownKey(
  source: SourceMap,
  segments: readonly string[],
  error: ErrorObject,
): Diagnostic {
  const key = String((error.params as { additionalProperty: string }).additionalProperty);
  const at = positionOfNode(source, nodeAtPath(source, [...segments, key], true));
  const where = segments.length === 0 ? 'at the top level' : `in ${fieldLabel(segments)}`;
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
    return make(
      'forbidden-key',
      `key \`${key}\` is not allowed`,
      at,
      'It is never a config field; remove it.',
    );
  }
  if (key === '<<') {
    return make(
      'unknown-key',
      `YAML merge keys (\`<<\`) are not supported ${where}`,
      at,
      "Put shared values in this file's `defaults:` instead.",
    );
  }
  const parentSchema = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
  const known = Object.keys(parentSchema?.properties ?? {});
  if (segments.length === 1 && segments[0] === 'defaults' && (key === 'name' || key === 'id')) {
    return make('unknown-key', `\`${key}\` cannot be a default: each outplan sets its own`, at);
  }
  const suggestion = closestMatch(key, known);
  return make(
    'unknown-key',
    `unknown key \`${key}\` ${where}${suggestion === undefined ? '' : `; did you mean \`${suggestion}\`?`}`,
    at,
    `Known keys here: ${known.join(', ')}.`,
  );
}

function describeValue(data: unknown): string {
  if (data === null) return 'null';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a mapping';
  if (typeof data === 'string') return `the text "${data}"`;
  return `${typeof data} ${String(data)}`;
}

function wrongType(
  kind: Kind,
  label: string,
  data: unknown,
  expected: string,
  at: Diagnostic['at'],
): Diagnostic {
  if (kind === 'duration' && typeof data === 'number') {
    return make(
      'bare-number-duration',
      `${label}: bare number ${data} has no unit`,
      at,
      bothReadings(data),
    );
  }
  if (kind === 'duration') {
    return make(
      'wrong-type',
      `${label} must be a duration like 30s, found ${describeValue(data)}`,
      at,
    );
  }
  if (expected === 'integer' && typeof data === 'number') {
    return make('wrong-type', `${label} must be a whole number, found ${data}`, at);
  }
  const wanted =
    expected === 'object' ? 'a mapping' : expected === 'array' ? 'a list' : `a ${expected}`;
  const hint =
    expected === 'string' && (typeof data === 'number' || typeof data === 'boolean')
      ? `Quote it: "${String(data)}".`
      : undefined;
  return make('wrong-type', `${label} must be ${wanted}, found ${describeValue(data)}`, at, hint);
}

function badString(
  kind: Kind,
  label: string,
  data: unknown,
  error: ErrorObject,
  at: Diagnostic['at'],
): Diagnostic {
  const text = String(data);
  switch (kind) {
    case 'duration':
      // A quoted number is the same mistake as a bare one.
      if (/^\s*\d+(\.\d+)?\s*$/.test(text)) {
        return make(
          'bare-number-duration',
          `${label}: "${text}" has no unit`,
          at,
          bothReadings(Number(text)),
        );
      }
      return make(
        'invalid-duration',
        `${label}: "${text}" is not a duration`,
        at,
        'Use ms, s, m, h, largest first, each once: 30s, 2h, 1h30m, 1m30s, 500ms.',
      );
    case 'tel-target':
      // Only the tel pattern makes a target an E.164 problem; a length limit applies to all.
      if (error.keyword !== 'pattern') return invalidValue(label, text, error, at);
      return make(
        'invalid-e164',
        `${label}: "${text}" is not an E.164 number`,
        at,
        'A tel caller ID is + then 7-15 digits, no spaces or dashes, e.g. +15559876543.',
      );
    case 'id':
      return make(
        'invalid-uuid',
        `${label}: "${text}" is not a UUID`,
        at,
        "An id pin is a live outplan's id, e.g. 2b3c4d5e-6f7a-4901-bcde-f12345678901.",
      );
    case 'name':
      return make(
        'invalid-name',
        error.keyword === 'maxLength'
          ? `${label} is ${text.length} characters; VoIPBIN allows at most 255`
          : `${label} must not be empty`,
        at,
      );
    case 'caller-id':
      return make(
        'invalid-caller-id-pattern',
        `${label}: "${text}" is not a caller ID pattern`,
        at,
        'Use digits with an optional leading + and `*` for any digits, e.g. "+1555000*".',
      );
    default:
      return invalidValue(label, text, error, at);
  }
}

function badEnum(
  label: string,
  data: unknown,
  allowed: readonly string[],
  at: Diagnostic['at'],
): Diagnostic {
  const suggestion = typeof data === 'string' ? closestMatch(data, allowed) : undefined;
  return make(
    'invalid-source-type',
    `${label}: ${describeValue(data)} is not a VoIPBIN address type${suggestion === undefined ? '' : `; did you mean \`${suggestion}\`?`}`,
    at,
    `Address types: ${allowed.join(', ')}.`,
  );
}

function invalidValue(
  label: string,
  text: string,
  error: ErrorObject,
  at: Diagnostic['at'],
): Diagnostic {
  return make(
    'invalid-value',
    error.keyword === 'maxLength'
      ? `${label} is too long (${text.length} characters, at most ${String((error.params as { limit: number }).limit)})`
      : error.keyword === 'minLength'
        ? `${label} must not be empty`
        : `${label} ${error.message ?? 'is invalid'}`,
    at,
  );
}

/**
 * The API's commonest mistake is seconds where it stores milliseconds, so a number without
 * a unit gets both readings. Durations take whole numbers, so a fraction is spelled out.
 */
function bothReadings(value: number): string {
  if (Number.isInteger(value) && value > 0) {
    return `Write ${value}s for ${value} seconds, or ${value}ms (VoIPBIN stores milliseconds).`;
  }
  const ms = Math.round(value * 1000);
  return ms > 0
    ? `Durations take whole numbers with a unit (ms, s, m, h): write ${formatDuration(ms)} for ${value} seconds.`
    : 'Durations take a positive whole number with a unit (ms, s, m, h), e.g. 30s.';
}
