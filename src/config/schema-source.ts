import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Ajv2020, Options } from 'ajv/dist/2020.js';

/**
 * The one source of truth for the file format. It ships in the package (`files`) and is
 * read from src/config or dist/ alike (both two levels below the package root). The
 * built CLI does not read it at run time: `npm run build` compiles it into standalone
 * validation code (scripts/build.mjs), with the options below.
 */
export const SCHEMA_PATH = fileURLToPath(
  new URL('../../schemas/outplans.schema.json', import.meta.url),
);

export function loadSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
}

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

/**
 * How the schema is compiled, at build time (standalone code) and when running from
 * sources (tests) alike, so both validate and report identically. The schema itself is
 * not checked against the draft 2020-12 meta-schema here; a test compiles it strictly.
 */
export const SCHEMA_AJV_OPTIONS: Options = {
  allErrors: true,
  verbose: true,
  strict: false,
  validateSchema: false,
  allowUnionTypes: true,
  inlineRefs: false,
  code: { optimize: false },
};
