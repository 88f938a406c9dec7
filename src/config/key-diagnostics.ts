import type { ErrorObject } from 'ajv/dist/2020.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { fieldLabel } from './schema-paths.js';
import { knownKeys } from './schema-words.js';
import { closestMatch } from './suggest.js';
import { nodeAtPath, pointerSegments, positionOfNode, type SourceMap } from './yaml-nodes.js';
import { configError } from './config-error.js';

/** A required field that is missing, and where (ajv's instance path of its mapping). */
interface Missing {
  readonly path: string;
  readonly field: string;
}

/**
 * Unknown keys with their likely spelling, and missing required fields. When an unknown key
 * is the likely spelling of a field that is missing (`try_intervall` for `try_interval`),
 * that is one mistake and gets one error: the did-you-mean, which says the field is
 * required. A misspelled key in `defaults:` covers the outplans of its file the same way.
 */
export function keyDiagnostics(source: SourceMap, errors: readonly ErrorObject[]): Diagnostic[] {
  const missing: Missing[] = errors
    .filter((e) => e.keyword === 'required')
    .map((e) => ({
      path: e.instancePath,
      field: String((e.params as { missingProperty: string }).missingProperty),
    }));
  const explained = new Set<string>();
  const out: Diagnostic[] = [];
  for (const error of errors) {
    if (error.keyword !== 'additionalProperties') continue;
    const key = String((error.params as { additionalProperty: string }).additionalProperty);
    const suggestion = closestMatch(key, knownKeys(error));
    const covers = (m: Missing) =>
      m.field === suggestion &&
      (m.path === error.instancePath ||
        (error.instancePath === '/defaults' && m.path.startsWith('/outplans/')));
    const covered = missing.filter(covers);
    for (const m of covered) explained.add(`${m.path}|${m.field}`);
    out.push(unknownKey(source, error, key, suggestion, covered.length > 0));
  }
  for (const m of missing) {
    if (explained.has(`${m.path}|${m.field}`)) continue;
    out.push(missingField(source, m));
  }
  return out;
}

function missingField(source: SourceMap, missing: Missing): Diagnostic {
  const segments = pointerSegments(missing.path);
  const at = positionOfNode(source, nodeAtPath(source, segments));
  const hint =
    missing.field === 'try_interval'
      ? "Set try_interval on the outplan or in this file's `defaults:` (e.g. `try_interval: 1h`)."
      : undefined;
  return configError(
    'missing-field',
    `${fieldLabel(segments)} is missing required field \`${missing.field}\``,
    at,
    hint,
  );
}

function unknownKey(
  source: SourceMap,
  error: ErrorObject,
  key: string,
  suggestion: string | undefined,
  suggestionIsMissing: boolean,
): Diagnostic {
  const segments = pointerSegments(error.instancePath);
  const at = positionOfNode(source, nodeAtPath(source, [...segments, key], true));
  const where = segments.length === 0 ? 'at the top level' : `in ${fieldLabel(segments)}`;
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
    return configError(
      'forbidden-key',
      `key \`${key}\` is not allowed`,
      at,
      'It is never a config field; remove it.',
    );
  }
  if (key === '<<') {
    return configError(
      'unknown-key',
      `YAML merge keys (\`<<\`) are not supported ${where}`,
      at,
      "Put shared values in this file's `defaults:` instead.",
    );
  }
  if (segments.length === 1 && segments[0] === 'defaults' && (key === 'name' || key === 'id')) {
    return configError(
      'unknown-key',
      `\`${key}\` cannot be a default: each outplan sets its own`,
      at,
    );
  }
  if (suggestion === undefined) {
    return configError(
      'unknown-key',
      `unknown key \`${key}\` ${where}`,
      at,
      `Known keys here: ${knownKeys(error).join(', ')}.`,
    );
  }
  return configError(
    'unknown-key',
    `unknown key \`${key}\` ${where}; did you mean \`${suggestion}\`?${suggestionIsMissing ? ` (\`${suggestion}\` is required and not set)` : ''}`,
    at,
    `Rename \`${key}\` to \`${suggestion}\`.`,
  );
}
