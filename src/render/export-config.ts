import { Document } from 'yaml';
import { displayName } from '../model/display.js';
import { MAX_DURATION_MS, formatDuration } from '../model/duration.js';
import {
  MAX_TRY_KEYS,
  SOURCE_KEYS,
  type LiveOutplan,
  type OutplanFields,
} from '../model/outplan.js';

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
    (a, b) => compareText(a.fields.name, b.fields.name) || compareText(a.id, b.id),
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

function toConfigEntry(fields: OutplanFields, pin: string | null): Record<string, unknown> {
  const entry: Record<string, unknown> = { name: fields.name };
  if (pin !== null) entry.id = pin;
  if (fields.detail !== '') entry.detail = fields.detail;
  const source: Record<string, string> = {};
  for (const key of SOURCE_KEYS) if (fields.source[key] !== '') source[key] = fields.source[key];
  if (Object.keys(source).length > 0) entry.source = source;
  // An unset dial_timeout is how a config says 0 ms (what VoIPBIN stores for a missing one).
  if (fields.dial_timeout !== 0) entry.dial_timeout = exportDuration(fields.dial_timeout);
  entry.try_interval = exportDuration(fields.try_interval);
  for (const key of MAX_TRY_KEYS) if (fields[key] !== 0) entry[key] = fields[key];
  return entry;
}

/** Zero and negative values cannot be written as durations; `0ms` fails validation visibly. */
function exportDuration(ms: number): string {
  return ms > 0 ? formatDuration(ms) : `${ms}ms`;
}

function unrepresentable(outplan: LiveOutplan): string[] {
  const { fields } = outplan;
  const problems: string[] = [];
  if (fields.dial_timeout < 0 || fields.dial_timeout > MAX_DURATION_MS) {
    problems.push(`dial_timeout is ${fields.dial_timeout} ms, which a config cannot declare`);
  }
  if (fields.try_interval <= 0 || fields.try_interval > MAX_DURATION_MS) {
    problems.push(
      `try_interval is ${fields.try_interval} ms, which a config cannot declare (must be > 0)`,
    );
  }
  for (const key of MAX_TRY_KEYS) {
    if (fields[key] < 0 || fields[key] > 100)
      problems.push(`${key} is ${fields[key]} (allowed 0..100)`);
  }
  return problems.map(
    (problem) =>
      `outplan ${displayName(fields.name)} (${outplan.id}): ${problem}; fix it in the exported file`,
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
