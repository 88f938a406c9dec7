import type { ErrorObject } from 'ajv/dist/2020.js';

/**
 * What the schema itself says about a failed value, read from the ajv error (the
 * validator runs with `verbose`, so each error carries the schema object that failed).
 * Limits and the words editors show come from here, never restated in TypeScript.
 */
interface FailedSchema {
  readonly minimum?: number;
  readonly maximum?: number;
  readonly errorMessage?: string;
  readonly patternErrorMessage?: string;
  readonly properties?: Record<string, unknown>;
  readonly enum?: readonly unknown[];
}

function failedSchema(error: ErrorObject): FailedSchema {
  const schema: unknown = error.parentSchema;
  return schema !== null && typeof schema === 'object' ? (schema as FailedSchema) : {};
}

/** The words an editor shows when the value does not match the pattern, if the schema has them. */
export function patternWords(error: ErrorObject): string | undefined {
  const schema = failedSchema(error);
  return schema.patternErrorMessage ?? schema.errorMessage;
}

/** The words an editor shows for any other failure of this value. */
export function valueWords(error: ErrorObject): string | undefined {
  return failedSchema(error).errorMessage;
}

/** The inclusive numeric range of the failed value's schema. */
export function rangeOf(error: ErrorObject): { min?: number; max?: number } {
  const { minimum, maximum } = failedSchema(error);
  return { min: minimum, max: maximum };
}

/** The keys the schema allows in the mapping that holds an unknown key, in schema order. */
export function knownKeys(error: ErrorObject): string[] {
  return Object.keys(failedSchema(error).properties ?? {});
}

/** The values an `enum` allows. */
export function allowedValues(error: ErrorObject): string[] {
  const values = failedSchema(error).enum ?? [];
  return values.filter((v): v is string => typeof v === 'string');
}

/** `maxLength` / `minLength` limit of a failed string. */
export function lengthLimit(error: ErrorObject): number {
  return Number((error.params as { limit?: number }).limit);
}
