import type { ErrorObject } from 'ajv/dist/2020.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { formatDuration, parseDuration } from '../model/duration.js';
import { configError } from './config-error.js';
import type { ValueKind } from './schema-paths.js';
import { allowedValues, lengthLimit, patternWords, rangeOf, valueWords } from './schema-words.js';
import { closestMatch } from './suggest.js';

/**
 * A value of the wrong type, worded for what it should be. `written` is the value as it
 * appears in the file: YAML reads `+14155550100` as a number, and the fix keeps the `+`.
 */
export function wrongType(
  kind: ValueKind,
  label: string,
  data: unknown,
  expected: string,
  written: string | undefined,
  at: Diagnostic['at'],
): Diagnostic {
  if (kind === 'duration' && typeof data === 'number') {
    return configError(
      'bare-number-duration',
      `${label}: bare number ${data} has no unit`,
      at,
      bothReadings(data),
    );
  }
  if (kind === 'duration') {
    return configError(
      'wrong-type',
      `${label} must be a duration like 30s, found ${describeValue(data)}`,
      at,
    );
  }
  if (expected === 'integer' && typeof data === 'number') {
    return configError('wrong-type', `${label} must be a whole number, found ${data}`, at);
  }
  const wanted =
    expected === 'object' ? 'a mapping' : expected === 'array' ? 'a list' : `a ${expected}`;
  const scalar = typeof data === 'number' || typeof data === 'boolean';
  const shown = scalar && written !== undefined ? written : String(data);
  const found = scalar ? `${typeof data} ${shown}` : describeValue(data);
  const hint =
    expected === 'string' && scalar
      ? `YAML reads ${shown} as a ${typeof data}. Quote it: "${shown}".`
      : undefined;
  return configError('wrong-type', `${label} must be ${wanted}, found ${found}`, at, hint);
}

/** A string that fails `pattern`, `minLength` or `maxLength`. Null when reported elsewhere. */
export function badString(
  kind: ValueKind,
  label: string,
  text: string,
  error: ErrorObject,
  at: Diagnostic['at'],
): Diagnostic | null {
  switch (kind) {
    case 'duration': {
      // A quoted number is the same mistake as a bare one.
      if (/^\s*\d+(\.\d+)?\s*$/.test(text)) {
        return configError(
          'bare-number-duration',
          `${label}: "${text}" has no unit`,
          at,
          bothReadings(Number(text)),
        );
      }
      // Zero and too long are checked on the parsed value, with their own message.
      const parsed = parseDuration(text);
      if (parsed.ok || parsed.reason !== 'syntax') return null;
      return configError(
        'invalid-duration',
        `${label}: "${text}" is not a duration`,
        at,
        patternWords(error),
      );
    }
    case 'tel-target':
      // Only the tel pattern makes a target an E.164 problem; a length limit applies to all.
      if (error.keyword !== 'pattern') return invalidValue(label, text, error, at);
      return configError(
        'invalid-e164',
        `${label}: "${text}" is not an E.164 number`,
        at,
        patternWords(error),
      );
    case 'id':
      return configError(
        'invalid-uuid',
        `${label}: "${text}" is not a UUID`,
        at,
        patternWords(error),
      );
    case 'name':
      return configError(
        'invalid-name',
        error.keyword === 'maxLength'
          ? `${label} is ${text.length} characters; VoIPBIN allows at most ${lengthLimit(error)}`
          : `${label} must not be empty`,
        at,
      );
    case 'caller-id':
      return configError(
        'invalid-caller-id-pattern',
        `${label}: "${text}" is not a caller ID pattern`,
        at,
        patternWords(error),
      );
    default:
      return invalidValue(label, text, error, at);
  }
}

/** A number outside the schema's `minimum`..`maximum`. */
export function outOfRange(
  label: string,
  data: unknown,
  error: ErrorObject,
  at: Diagnostic['at'],
): Diagnostic {
  const { min, max } = rangeOf(error);
  const range =
    min !== undefined && max !== undefined
      ? `between ${min} and ${max}`
      : min !== undefined
        ? `at least ${min}`
        : `at most ${String(max)}`;
  return configError(
    'out-of-range',
    `${label} must be ${range}, found ${String(data)}`,
    at,
    valueWords(error),
  );
}

export function badEnum(
  label: string,
  data: unknown,
  error: ErrorObject,
  at: Diagnostic['at'],
): Diagnostic {
  const allowed = allowedValues(error);
  const suggestion = typeof data === 'string' ? closestMatch(data, allowed) : undefined;
  return configError(
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
  return configError(
    'invalid-value',
    error.keyword === 'maxLength'
      ? `${label} is too long (${text.length} characters, at most ${lengthLimit(error)})`
      : error.keyword === 'minLength'
        ? `${label} must not be empty`
        : `${label} ${error.message ?? 'is invalid'}`,
    at,
  );
}

export function describeValue(data: unknown): string {
  if (data === null) return 'null';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a mapping';
  if (typeof data === 'string') return `the text "${data}"`;
  return `${typeof data} ${String(data)}`;
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
