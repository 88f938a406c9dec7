import type { DesiredOutplan, PruneExclusion } from '../model/desired.js';
import type { Diagnostic, Position } from '../model/diagnostic.js';
import { MAX_DURATION_MS, formatDuration, parseDuration } from '../model/duration.js';
import {
  DURATION_FIELDS,
  MAX_TRY_KEYS,
  SOURCE_KEYS,
  normaliseSource,
  type FieldName,
  type OutplanFields,
  type SourceKey,
} from '../model/outplan.js';
import { fieldLabel } from './schema-paths.js';
import type { Node } from 'yaml';
import { entryOf, itemOf, positionOfNode, type SourceMap } from './yaml-nodes.js';

/** One file's contribution to the desired state. */
export interface FileOutplans {
  readonly outplans: DesiredOutplan[];
  /** Fields whose written value is invalid (already reported): checks skip them. */
  readonly invalidFields: Map<DesiredOutplan, ReadonlySet<FieldName>>;
  readonly pruneExclusions: PruneExclusion[];
  readonly diagnostics: Diagnostic[];
}

type Raw = Record<string, unknown>;
/** A value as written plus where; `from` says whose it is (the outplan's own or a default). */
export interface Written {
  readonly value: unknown;
  readonly at: Position;
  /** JSON pointer, as ajv names it in its errors (`/outplans/2/max_try_count_0`). */
  readonly path: string;
}

const INHERITABLE: readonly FieldName[] = [
  'detail',
  'source',
  'dial_timeout',
  'try_interval',
  ...MAX_TRY_KEYS,
];

/**
 * What one `outplans:` item contributes, read while its YAML nodes are at hand: kept small,
 * since a streamed load holds one per item until the schema has seen them all.
 */
export interface ItemFacts {
  readonly index: number;
  /** The item as plain data. */
  readonly record: Raw;
  /** Where each of its keys' values is written, in `Object.keys(record)` order. */
  readonly positions: readonly Position[];
  /** Where the item starts; null without a usable name (the schema reports that). */
  readonly at: Position | null;
}

/**
 * Normalises one file's outplans (defaults merged, durations in milliseconds, every
 * source subfield present) and records where each value came from. Values the schema
 * already rejected (`rejected`: the instance paths of its errors) fall back to the API's
 * empty value, so the state stays as complete as possible; it is only trusted when there
 * are no errors. No rule of the schema is restated here.
 */
export function buildFileOutplans(
  source: SourceMap,
  value: Raw,
  rejected: ReadonlySet<string> = new Set(),
): FileOutplans {
  const diagnostics: Diagnostic[] = [];
  const defaults = readDefaults(source, value, diagnostics);
  const list = Array.isArray(value.outplans) ? value.outplans : [];
  const listNode = entryOf(source, source.doc.contents, 'outplans')?.value;
  const items = list.map((raw, index) =>
    readItem(source, itemOf(source, listNode, index), raw, index, diagnostics),
  );
  return assembleFileOutplans(source, value, { defaults, items, rejected, diagnostics });
}

/** The file's `defaults:` as written, with positions; its bad durations go to `diagnostics`. */
export function readDefaults(
  source: SourceMap,
  value: Raw,
  diagnostics: Diagnostic[],
): Map<string, Written> {
  const node = entryOf(source, source.doc.contents, 'defaults')?.value;
  const defaults = writtenFields(source, node, asRecord(value.defaults), '/defaults');
  checkDurations(defaults, ['defaults'], diagnostics);
  return defaults;
}

/** Item `index` of `outplans:` (`node`, its plain value `raw`); bad durations to `diagnostics`. */
export function readItem(
  source: SourceMap,
  node: unknown,
  raw: unknown,
  index: number,
  diagnostics: Diagnostic[],
): ItemFacts {
  const record = asRecord(raw);
  const own = writtenFields(source, node, record, `/outplans/${index}`);
  checkDurations(own, ['outplans', String(index)], diagnostics);
  const name = own.get('name')?.value;
  const positions = [...own.values()].map((written) => written.at);
  if (typeof name !== 'string' || name === '') return { index, record, positions, at: null };
  return { index, record, positions, at: positionOfNode(source, node as Node | undefined) };
}

/** The file's outplans from what readDefaults and readItem read, in item order. */
export function assembleFileOutplans(
  source: SourceMap,
  value: Raw,
  read: {
    readonly defaults: Map<string, Written>;
    readonly items: readonly ItemFacts[];
    readonly rejected: ReadonlySet<string>;
    readonly diagnostics: Diagnostic[];
  },
): FileOutplans {
  const outplans: DesiredOutplan[] = [];
  const invalidFields = new Map<DesiredOutplan, ReadonlySet<FieldName>>();
  for (const item of read.items) {
    if (item.at === null) continue;
    const { outplan, invalid } = desiredOutplan(
      item.at,
      ownFields(item),
      read.defaults,
      read.rejected,
    );
    outplans.push(outplan);
    if (invalid.size > 0) invalidFields.set(outplan, invalid);
  }
  return {
    outplans,
    invalidFields,
    pruneExclusions: pruneExclusions(source, value),
    diagnostics: read.diagnostics,
  };
}

function asRecord(value: unknown): Raw {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {};
}

function writtenFields(
  source: SourceMap,
  node: unknown,
  record: Raw,
  path: string,
): Map<string, Written> {
  const out = new Map<string, Written>();
  for (const key of Object.keys(record)) {
    const entry = entryOf(source, node, key);
    out.set(key, {
      value: record[key],
      at: positionOfNode(source, entry?.value ?? entry?.key),
      path: `${path}/${key}`,
    });
  }
  return out;
}

/** An item's fields as writtenFields read them, from its facts. */
function ownFields(item: ItemFacts): Map<string, Written> {
  const out = new Map<string, Written>();
  Object.keys(item.record).forEach((key, i) => {
    const at = item.positions[i]!;
    out.set(key, { value: item.record[key], at, path: `/outplans/${item.index}/${key}` });
  });
  return out;
}

/** Zero and too-large durations: the schema checks the syntax, the model the value. */
function checkDurations(
  fields: Map<string, Written>,
  path: readonly string[],
  diagnostics: Diagnostic[],
): void {
  for (const field of DURATION_FIELDS) {
    const written = fields.get(field);
    if (typeof written?.value !== 'string') continue;
    const parsed = parseDuration(written.value);
    if (parsed.ok || parsed.reason === 'syntax') continue;
    const label = fieldLabel([...path, field]);
    diagnostics.push({
      severity: 'error',
      code: 'invalid-duration',
      message:
        parsed.reason === 'zero'
          ? `${label} must be greater than 0, found "${written.value}"`
          : `${label} "${written.value}" is too long: VoIPBIN stores at most ${formatDuration(MAX_DURATION_MS)} (${MAX_DURATION_MS} ms)`,
      at: written.at,
    });
  }
}

function desiredOutplan(
  at: Position,
  own: Map<string, Written>,
  defaults: Map<string, Written>,
  rejected: ReadonlySet<string>,
): { outplan: DesiredOutplan; invalid: Set<FieldName> } {
  const fieldAt: Partial<Record<FieldName | 'id', Position>> = {};
  const invalid = new Set<FieldName>();
  const pick = (field: FieldName): unknown => {
    const written =
      own.get(field) ?? (INHERITABLE.includes(field) ? defaults.get(field) : undefined);
    if (written === undefined) return undefined;
    fieldAt[field] = written.at;
    if (rejected.has(written.path)) invalid.add(field);
    return written.value;
  };
  const name = pick('name') as string;
  const detail = pick('detail');
  const fields: Record<string, unknown> = {
    name,
    detail: typeof detail === 'string' ? detail : '',
    source: sourceOf(pick('source')),
  };
  for (const field of DURATION_FIELDS) {
    const written = pick(field);
    fields[field] = durationOf(written);
    if (written !== undefined && fields[field] === 0) invalid.add(field);
  }
  for (const field of MAX_TRY_KEYS) {
    const written = pick(field);
    fields[field] = invalid.has(field) ? 0 : countOf(written);
  }
  const id = own.get('id');
  let pin: string | null = null;
  if (typeof id?.value === 'string') {
    pin = id.value.toLowerCase();
    fieldAt.id = id.at;
  }
  return { outplan: { fields: fields as OutplanFields, pin, at, fieldAt }, invalid };
}

function sourceOf(value: unknown): OutplanFields['source'] {
  const record = asRecord(value);
  const clean: Partial<Record<SourceKey, string>> = {};
  for (const key of SOURCE_KEYS) {
    const subfield = record[key];
    if (typeof subfield === 'string') clean[key] = subfield;
  }
  return normaliseSource(clean);
}

/** Unset or invalid is 0 ms: what the API stores when the field is missing. */
function durationOf(value: unknown): number {
  if (typeof value !== 'string') return 0;
  const parsed = parseDuration(value);
  return parsed.ok ? parsed.ms : 0;
}

/** Unset is 0; a value the schema rejected never gets here (see `rejected`). */
function countOf(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) ? value : 0;
}

function pruneExclusions(source: SourceMap, value: Raw): PruneExclusion[] {
  const patterns = asRecord(value.prune).exclude;
  if (!Array.isArray(patterns)) return [];
  const listNode = entryOf(
    source,
    entryOf(source, source.doc.contents, 'prune')?.value,
    'exclude',
  )?.value;
  const out: PruneExclusion[] = [];
  patterns.forEach((pattern, index) => {
    if (typeof pattern !== 'string' || pattern === '') return;
    out.push({ pattern, at: positionOfNode(source, itemOf(source, listNode, index)) });
  });
  return out;
}
