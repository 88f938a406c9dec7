/**
 * Checks a parsed saved plan against SAVED_PLAN_SCHEMA and says what is wrong in words a
 * person can act on (`plan.changes[0].calls is missing`), not in ajv's JSON pointers.
 */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { compileSavedPlanValidator } from './saved-plan-compile.js';

let compiled: ValidateFunction | undefined;

/** Problems with a parsed saved plan, one readable line each (`plan.changes[0].calls[0] ...`). */
export function savedPlanSchemaProblems(value: unknown): string[] {
  compiled ??= compileSavedPlanValidator();
  if (compiled(value)) return [];
  return [...new Set((compiled.errors ?? []).map(describeError))];
}

function describeError(error: ErrorObject): string {
  const at = dottedPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${join(at, String(params.missingProperty))} is missing`;
    case 'additionalProperties':
      return `${join(at, String(params.additionalProperty))} is not a key this outplanctl knows (was the file written by a newer version?)`;
    case 'const':
      return `${at} is not ${JSON.stringify(params.allowedValue)}`;
    case 'enum':
      return `${at} is not one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'discriminator':
      return `${join(at, 'action')} is not create, update or delete`;
    default:
      return `${at || 'the file'} ${error.message ?? 'is invalid'}`;
  }
}

/** `/plan/changes/0/calls` -> `plan.changes[0].calls`. */
function dottedPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part),
      '',
    );
}

function join(at: string, key: string): string {
  return at ? `${at}.${key}` : key;
}
