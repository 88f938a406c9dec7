import type { Diagnostic, Position } from '../model/diagnostic.js';

/** An error-severity diagnostic; the hint is left out when there is none. */
export function configError(
  code: string,
  message: string,
  at: Position | undefined,
  hint?: string,
): Diagnostic {
  return hint === undefined
    ? { severity: 'error', code, message, at }
    : { severity: 'error', code, message, hint, at };
}
