import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

/**
 * The one source of truth for the file format. It ships in the package (`files`) and
 * is read at runtime, from src/config or dist/config alike (both two levels deep).
 */
export const SCHEMA_PATH = fileURLToPath(
  new URL('../../schemas/outplans.schema.json', import.meta.url),
);

export type SchemaErrors = ErrorObject[];

let cached: ValidateFunction | undefined;

/**
 * Keywords the schema carries for editors: yaml-language-server shows their words instead
 * of a regular expression. ajv only carries them (annotations), so strict mode still
 * rejects any keyword it does not know.
 */
export const EDITOR_KEYWORDS = ['errorMessage', 'patternErrorMessage'] as const;

export function withEditorKeywords<T extends Ajv2020>(ajv: T): T {
  for (const keyword of EDITOR_KEYWORDS) ajv.addKeyword({ keyword, schemaType: 'string' });
  return ajv;
}

export function loadSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
}

/**
 * Compiled once per process. The schema itself is not checked against the draft
 * 2020-12 meta-schema here (that costs ~60 ms of start-up); a test compiles it strictly.
 */
export function schemaValidator(): ValidateFunction {
  cached ??= withEditorKeywords(
    new Ajv2020({
      allErrors: true,
      verbose: true,
      strict: false,
      validateSchema: false,
      allowUnionTypes: true,
      // Smaller generated code compiles faster; validation time is negligible next to parsing.
      inlineRefs: false,
      code: { optimize: false },
    }),
  ).compile(loadSchema());
  return cached;
}

export function validateAgainstSchema(value: unknown): SchemaErrors {
  const validate = schemaValidator();
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
