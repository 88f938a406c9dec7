import { OutplanctlError, type ErrorKind } from '../model/errors.js';

export type SavedPlanErrorReason = 'not-json' | 'wrong-format-version' | 'tampered' | 'invalid';

const CODES: Record<SavedPlanErrorReason, string> = {
  'not-json': 'SAVED_PLAN_NOT_JSON',
  'wrong-format-version': 'SAVED_PLAN_FORMAT_VERSION',
  tampered: 'SAVED_PLAN_TAMPERED',
  invalid: 'SAVED_PLAN_INVALID',
};

/**
 * A saved plan file that cannot be applied. An unreadable or foreign file is a usage error
 * (exit 3); a file whose checksum no longer matches its content was edited after review,
 * which is a refusal (exit 4), like a stale plan.
 */
export class SavedPlanError extends OutplanctlError {
  readonly kind: ErrorKind;

  constructor(
    readonly reason: SavedPlanErrorReason,
    message: string,
    hint = 'Run `outplanctl plan --out FILE` again and apply the new file.',
  ) {
    super(CODES[reason], message, { hint });
    this.kind = reason === 'tampered' ? 'refusal' : 'usage';
  }
}
