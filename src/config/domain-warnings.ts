import type { DesiredOutplan } from '../model/desired.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { formatDuration } from '../model/duration.js';
import { MAX_TRY_KEYS, type FieldName } from '../model/outplan.js';
import { mergeFindings, type OutplanFinding } from './group-diagnostics.js';

/** Thresholds from the VoIPBIN outplan guide's recommendations. */
export const DIAL_TIMEOUT_WARN_BELOW_MS = 15_000;
export const DIAL_TIMEOUT_WARN_ABOVE_MS = 60_000;
export const TRY_INTERVAL_WARN_BELOW_MS = 60_000;

const RECOMMENDED = 'The VoIPBIN guide recommends 25s-45s for dial_timeout.';

/** Whether an outplan's field holds a value already reported as invalid. */
export type FieldCheck = (outplan: DesiredOutplan, field: FieldName) => boolean;

/** Legal but suspicious settings: warnings (errors with --strict). */
export function domainWarnings(
  outplans: readonly DesiredOutplan[],
  isInvalid: FieldCheck = () => false,
): Diagnostic[] {
  const findings: OutplanFinding[] = [];
  for (const outplan of outplans) {
    const { fields } = outplan;
    const invalid = (field: FieldName) => isInvalid(outplan, field);
    const name = fields.name;
    const warn = (code: string, message: string, at = outplan.at, hint?: string) =>
      findings.push({
        diagnostic:
          hint === undefined
            ? { severity: 'warning', code, at }
            : { severity: 'warning', code, at, hint },
        message,
        outplanName: name,
      });
    const dialAt = outplan.fieldAt.dial_timeout ?? outplan.at;
    if (invalid('dial_timeout')) {
      // already reported as an error
    } else if (fields.dial_timeout === 0) {
      warn(
        'dial-timeout-unset',
        'dial_timeout is not set, so VoIPBIN stores 0',
        outplan.at,
        `Set it here or in \`defaults:\`. ${RECOMMENDED}`,
      );
    } else if (fields.dial_timeout < DIAL_TIMEOUT_WARN_BELOW_MS) {
      warn(
        'dial-timeout-short',
        `dial_timeout ${formatDuration(fields.dial_timeout)} is under 15s: many people cannot answer that fast`,
        dialAt,
        RECOMMENDED,
      );
    } else if (fields.dial_timeout > DIAL_TIMEOUT_WARN_ABOVE_MS) {
      warn(
        'dial-timeout-long',
        `dial_timeout ${formatDuration(fields.dial_timeout)} is over 60s: calls ring into voicemail and tie up lines`,
        dialAt,
        RECOMMENDED,
      );
    }
    if (
      !invalid('try_interval') &&
      fields.try_interval > 0 &&
      fields.try_interval < TRY_INTERVAL_WARN_BELOW_MS
    ) {
      warn(
        'try-interval-short',
        `try_interval ${formatDuration(fields.try_interval)} is under 1m between attempts`,
        outplan.fieldAt.try_interval ?? outplan.at,
        'Rapid redials annoy recipients and may breach retry regulations; the guide uses 5m for emergencies and hours otherwise.',
      );
    }
    if (MAX_TRY_KEYS.every((key) => fields[key] === 0 && !invalid(key))) {
      warn(
        'never-dials',
        'max_try_count_0..4 are all 0, so this outplan never dials',
        outplan.at,
        'Set max_try_count_0 (attempts for destination_0) to at least 1.',
      );
    }
  }
  return mergeFindings(findings);
}
