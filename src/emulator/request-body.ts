/** A request body parsed and bound like the service's handlers do, or 400 INVALID_JSON_BODY. */
import { ApiFailureError, failures } from './api-errors.js';
import { BindError, bindBody, type Bound, type FieldKind } from './bind.js';
import { JsonSyntaxError, parseFirstJsonValue } from './json-parse.js';

export function readJsonBody<S extends Record<string, FieldKind>>(
  text: string,
  schema: S,
): Bound<S> {
  try {
    return bindBody(parseFirstJsonValue(text), schema);
  } catch (error) {
    if (error instanceof JsonSyntaxError)
      throw new ApiFailureError(failures.invalidJsonBody('malformed JSON'));
    if (error instanceof BindError)
      throw new ApiFailureError(failures.invalidJsonBody(error.message));
    throw error;
  }
}

/** The database rejects names over 255 characters (not bytes). */
export function checkNameLength(name: string): void {
  if (name.length > 255 && [...name].length > 255)
    throw new ApiFailureError(failures.nameTooLong());
}
