/** A place in a config file, 1-based like every editor and compiler shows it. */
export interface Position {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export type Severity = 'error' | 'warning';

/**
 * One finding about the config. Validation collects these and returns them all at once;
 * it never throws on the first problem.
 */
export interface Diagnostic {
  readonly severity: Severity;
  /** Stable, kebab-case identifier (e.g. `unknown-key`, `bare-number-duration`). */
  readonly code: string;
  readonly message: string;
  /** The next step for the user, when there is one. */
  readonly hint?: string;
  /** Where it is; absent only for problems with no file (e.g. no paths given). */
  readonly at?: Position;
  /** Other places involved (the first declaration of a duplicate name, a policy rule). */
  readonly related?: readonly Position[];
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function formatPosition(at: Position): string {
  return `${at.file}:${at.line}:${at.col}`;
}
