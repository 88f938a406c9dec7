import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { compileSchemaValidator } from './schema-compile.js';

export { EDITOR_KEYWORDS, loadSchema, SCHEMA_PATH, withEditorKeywords } from './schema-source.js';

export type SchemaErrors = ErrorObject[];

let cached: ValidateFunction | undefined;

/**
 * One validator per process. In the built CLI it is standalone code generated from the
 * schema at build time by scripts/build.mjs (nothing compiles at run time); running from
 * sources, ajv compiles it here with the same options (schema-source.ts).
 */
export function schemaValidator(): ValidateFunction {
  cached ??= compileSchemaValidator();
  return cached;
}

export function validateAgainstSchema(value: unknown): SchemaErrors {
  const validate = schemaValidator();
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
