import type { ErrorObject } from 'ajv/dist/2020.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { configError } from './config-error.js';
import { keyDiagnostics } from './key-diagnostics.js';
import { fieldLabel, kindOf } from './schema-paths.js';
import { badEnum, badString, outOfRange, wrongType } from './value-diagnostics.js';
import { nodeAtPath, pointerSegments, positionOfNode, type SourceMap } from './yaml-nodes.js';

/**
 * Turns ajv's errors into diagnostics a person can act on, each at the YAML node it is
 * about. Wording depends on what the value is (a duration, a caller ID, an id pin), which
 * is read from where it sits in the document; limits and hints come from the schema.
 */
export function schemaDiagnostics(source: SourceMap, errors: readonly ErrorObject[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const candidates = [
    ...keyDiagnostics(source, errors),
    ...errors.map((error) => describeValueError(source, error)),
  ];
  for (const diagnostic of candidates) {
    if (diagnostic === null) continue;
    // Several keywords can fail for one value (pattern and minLength of a duration).
    const key = `${diagnostic.code}@${diagnostic.at?.line}:${diagnostic.at?.col}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(diagnostic);
  }
  return out;
}

function describeValueError(source: SourceMap, error: ErrorObject): Diagnostic | null {
  const segments = pointerSegments(error.instancePath);
  const node = nodeAtPath(source, segments);
  const at = positionOfNode(source, node);
  const label = fieldLabel(segments);
  const kind = kindOf(segments);
  const data: unknown = error.data;
  switch (error.keyword) {
    case 'if': // the failing `then` keyword is reported on its own
    case 'additionalProperties': // keyDiagnostics
    case 'required':
      return null;
    case 'type':
      return wrongType(
        kind,
        label,
        data,
        (error.params as { type: string }).type,
        writtenText(source, node),
        at,
      );
    case 'pattern':
    case 'minLength':
    case 'maxLength':
      return badString(kind, label, String(data), error, at);
    case 'minimum':
    case 'maximum':
      return outOfRange(label, data, error, at);
    case 'enum':
      return badEnum(label, data, error, at);
    case 'minItems':
    case 'minProperties':
      return configError(
        'empty-value',
        `${label} must not be empty`,
        at,
        'Remove it, or give it a value.',
      );
    default:
      return configError('schema', `${label} ${error.message ?? 'is invalid'}`, at);
  }
}

/** A scalar exactly as the file spells it (`+14155550100`, not the number YAML made of it). */
function writtenText(source: SourceMap, node: ReturnType<typeof nodeAtPath>): string | undefined {
  const range = node?.range;
  if (range === undefined || range === null) return undefined;
  const text = source.text.slice(range[0], range[1]).trim();
  return text === '' || /[\n\r]/.test(text) ? undefined : text;
}
