import type { Diagnostic } from './diagnostic.js';

/**
 * The one error family. Every failure a user can meet is one of these; the CLI maps
 * `kind` to an exit code and prints `message` and `hint`, and only `--debug` adds a stack.
 */
export type ErrorKind = 'usage' | 'config' | 'api' | 'refusal' | 'internal';

export interface ErrorDetails {
  /** The next step for the user. */
  hint?: string;
  cause?: unknown;
}

export abstract class OutplanctlError extends Error {
  abstract readonly kind: ErrorKind;
  readonly hint: string | undefined;

  constructor(
    /** Stable machine-readable code, e.g. `MISSING_CREDENTIALS`, `STALE_PLAN`. */
    readonly code: string,
    message: string,
    details: ErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.hint = details.hint;
  }
}

/** Bad flags, missing credentials, a missing --yes without a TTY: exit 3. */
export class UsageError extends OutplanctlError {
  readonly kind = 'usage';
}

/** The config has errors; they travel as diagnostics so all of them are shown: exit 3. */
export class ConfigError extends OutplanctlError {
  readonly kind = 'config';
  constructor(
    readonly diagnostics: readonly Diagnostic[],
    message = 'The configuration is invalid.',
    details: ErrorDetails = {},
  ) {
    super('INVALID_CONFIG', message, details);
  }
}

/** A safety rule said no (mass delete, stale plan, delete in use): exit 4, nothing called. */
export class RefusalError extends OutplanctlError {
  readonly kind = 'refusal';
}

/** A bug or an impossible state: exit 1. */
export class InternalError extends OutplanctlError {
  readonly kind = 'internal';
}

/** Exit codes are the CLI contract; the README documents this table. */
export const EXIT_CODES = {
  success: 0,
  failure: 1,
  changes: 2,
  invalid: 3,
  refused: 4,
} as const;

export function exitCodeFor(kind: ErrorKind): number {
  switch (kind) {
    case 'usage':
    case 'config':
      return EXIT_CODES.invalid;
    case 'refusal':
      return EXIT_CODES.refused;
    case 'api':
    case 'internal':
      return EXIT_CODES.failure;
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** The message of anything thrown, for a one-line warning. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
