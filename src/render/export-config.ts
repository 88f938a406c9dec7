import { Document } from 'yaml';
import { displayName } from '../model/display.js';
import { MAX_DURATION_MS, formatDuration } from '../model/duration.js';
import { OUTPLAN_DESCRIPTOR, type FieldKind } from '../model/outplan-descriptor.js';
import {
  SOURCE_KEYS,
  type FieldName,
  type LiveOutplan,
  type OutplanFields,
  type Source,
} from '../model/outplan.js';
import { compareStrings } from '../model/order.js';

export interface ExportResult {
  /** The config file text: schema modeline, outplans sorted by name. */
  readonly yaml: string;
  /** Live values a config cannot express as they are; the user must fix them by hand. */
  readonly warnings: readonly string[];
}

/**
 * Writes live outplans as a config file that plans empty against the same account.
 *
 * Ids are pinned only where two live outplans share a name: elsewhere the name is the
 * identity, which keeps the file readable and lets it move between accounts.
 */
export function exportConfig(live: readonly LiveOutplan[], schemaRef: string): ExportResult {
  const sorted = [...live].sort(
    (a, b) => compareStrings(a.fields.name, b.fields.name) || compareStrings(a.id, b.id),
  );
  const nameCounts = new Map<string, number>();
  for (const outplan of sorted) {
    nameCounts.set(outplan.fields.name, (nameCounts.get(outplan.fields.name) ?? 0) + 1);
  }
  const warnings: string[] = [];
  const outplans = sorted.map((outplan) => {
    const collides = (nameCounts.get(outplan.fields.name) ?? 0) > 1;
    warnings.push(...unrepresentable(outplan));
    return toConfigEntry(outplan.fields, collides ? outplan.id : null);
  });
  const doc = new Document({ outplans });
  doc.commentBefore = ` yaml-language-server: $schema=${schemaRef}\n Exported from the live account by outplanctl export.`;
  return { yaml: doc.toString({ lineWidth: 0 }), warnings };
}

/**
 * One config entry: the name (and pin) first, then every field in the descriptor's order,
 * left out when it holds the API's default and the config does not require it (an unset
 * `dial_timeout` is how a config says 0 ms, what VoIPBIN stores for a missing one).
 */
function toConfigEntry(fields: OutplanFields, pin: string | null): Record<string, unknown> {
  const entry: Record<string, unknown> = { name: fields.name };
  if (pin !== null) entry.id = pin;
  for (const spec of OUTPLAN_DESCRIPTOR) {
    if (spec.key === 'name') continue;
    const value = configValue(spec.kind, fields[spec.key]);
    if (value !== undefined || spec.required) entry[spec.key] = value ?? exportDuration(0);
  }
  return entry;
}

/** The config form of a value; undefined when it is the API's default (nothing to write). */
function configValue(kind: FieldKind, value: OutplanFields[FieldName]): unknown {
  switch (kind) {
    case 'text':
      return value === '' ? undefined : value;
    case 'address': {
      const source: Record<string, string> = {};
      for (const key of SOURCE_KEYS) {
        const sub = (value as Source)[key];
        if (sub !== '') source[key] = sub;
      }
      return Object.keys(source).length > 0 ? source : undefined;
    }
    case 'duration':
      return value === 0 ? undefined : exportDuration(value as number);
    case 'count':
      return value === 0 ? undefined : value;
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** Zero and negative values cannot be written as durations; `0ms` fails validation visibly. */
function exportDuration(ms: number): string {
  return ms > 0 ? formatDuration(ms) : `${ms}ms`;
}

/** Live values the config cannot declare: the ranges come from the outplan descriptor. */
function unrepresentable(outplan: LiveOutplan): string[] {
  const { fields } = outplan;
  const problems: string[] = [];
  for (const spec of OUTPLAN_DESCRIPTOR) {
    const value = fields[spec.key];
    if (typeof value !== 'number') continue;
    if (spec.kind === 'duration') {
      const min = spec.required ? 1 : 0;
      if (value < min || value > MAX_DURATION_MS) {
        problems.push(
          `${spec.key} is ${value} ms, which a config cannot declare` +
            (spec.required ? ' (must be > 0)' : ''),
        );
      }
    } else if ('range' in spec && (value < spec.range.min || value > spec.range.max)) {
      problems.push(`${spec.key} is ${value} (allowed ${spec.range.min}..${spec.range.max})`);
    }
  }
  return problems.map(
    (problem) =>
      `outplan ${displayName(fields.name)} (${outplan.id}): ${problem}; fix it in the exported file`,
  );
}
