/**
 * How plan values read to a human: durations in their canonical unit form, `source` on one
 * line, strings quoted so "" and " " are visible and escaped (they come from the API, so
 * never raw: see `displayName`). Shared by the text and Markdown renderers.
 */
import { displayName, displayToken } from '../model/display.js';
import { formatDuration } from '../model/duration.js';
import { fieldSpec } from '../model/outplan-descriptor.js';
import {
  OUTPLAN_FIELDS,
  SOURCE_KEYS,
  type FieldName,
  type OutplanFields,
  type Source,
} from '../model/outplan.js';
import type { Change } from '../plan/index.js';

/** `tel +15559876543 target_name="Sales line"`; `(none)` when every subfield is empty. */
export function formatSource(source: Source): string {
  const head = [source.type, source.target]
    .filter((part) => part !== '')
    .map(displayToken)
    .join(' ');
  const extras = SOURCE_KEYS.filter((k) => k !== 'type' && k !== 'target' && source[k] !== '').map(
    (k) => `${k}=${displayName(source[k])}`,
  );
  const text = [head, ...extras].filter((part) => part !== '').join(' ');
  return text === '' ? '(none)' : text;
}

export function isDurationField(field: FieldName): boolean {
  return fieldSpec(field).kind === 'duration';
}

/** A value as a reviewer reads it, by the field's kind (see the outplan descriptor). */
export function formatFieldValue(field: FieldName, fields: OutplanFields): string {
  const value = fields[field];
  const kind = fieldSpec(field).kind;
  switch (kind) {
    case 'text':
      return displayName(value as string);
    case 'address':
      return formatSource(value as Source);
    case 'duration':
      return formatDuration(value as number);
    case 'count':
      return String(value);
    default: {
      const never: never = kind;
      return never;
    }
  }
}

export function isMultiline(text: string): boolean {
  return text.includes('\n');
}

/** The fields a reviewer needs to see: every field for a create, the changed ones for an update. */
export function shownFields(change: Change): readonly FieldName[] {
  switch (change.action) {
    case 'create':
      return OUTPLAN_FIELDS;
    case 'update':
      return change.changed;
    case 'delete':
      return [];
    default: {
      const never: never = change;
      return never;
    }
  }
}

export function pluralOutplans(count: number): string {
  return `${count} ${count === 1 ? 'outplan' : 'outplans'}`;
}
