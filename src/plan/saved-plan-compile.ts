/**
 * Compiles SAVED_PLAN_SCHEMA with ajv. Only code running from sources (tests, the
 * benchmark's in-process scenarios) does this at run time: `npm run build` generates the
 * same validator as standalone code (standaloneSavedPlanCode below) and bundles it in
 * place of this module, so no command loads ajv's compiler (~55 ms) to read a saved plan,
 * and `plan`, whose chunk shares the saved-plan code, does not load it at all.
 */
import { Ajv2020, type Options, type ValidateFunction } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { SAVED_PLAN_SCHEMA } from './saved-plan-schema.js';

const OPTIONS: Options = {
  allErrors: true,
  strict: true,
  discriminator: true,
  // The schema is ours and a test compiles it against the meta-schema; smaller generated
  // code compiles faster, and a saved plan is small.
  validateSchema: false,
  inlineRefs: false,
  code: { optimize: false },
};

export function compileSavedPlanValidator(): ValidateFunction {
  return new Ajv2020(OPTIONS).compile(SAVED_PLAN_SCHEMA);
}

/** The validator as a CommonJS module's source (ajv's standalone output is CommonJS). */
export function standaloneSavedPlanCode(): string {
  const ajv = new Ajv2020({ ...OPTIONS, code: { ...OPTIONS.code, source: true } });
  return standaloneCode.default(ajv, ajv.compile(SAVED_PLAN_SCHEMA));
}
