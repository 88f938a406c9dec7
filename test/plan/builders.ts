/** Small builders for planner and renderer tests: defaults that a test overrides. */
import type { Campaign } from '../../src/model/campaign.js';
import type { DesiredOutplan, DesiredState } from '../../src/model/desired.js';
import {
  normaliseSource,
  type LiveOutplan,
  type OutplanFields,
  type Source,
} from '../../src/model/outplan.js';

export type FieldsInput = Partial<Omit<OutplanFields, 'source'>> & {
  source?: Partial<Source>;
};

export function fields(input: FieldsInput = {}): OutplanFields {
  const { source, ...rest } = input;
  return {
    name: 'Sales',
    detail: '',
    dial_timeout: 30_000,
    try_interval: 600_000,
    max_try_count_0: 3,
    max_try_count_1: 3,
    max_try_count_2: 3,
    max_try_count_3: 3,
    max_try_count_4: 3,
    ...rest,
    source: normaliseSource({ type: 'tel', target: '+15559876543', ...source }),
  };
}

let line = 0;

export function desiredOutplan(
  input: FieldsInput = {},
  options: { pin?: string; line?: number; file?: string } = {},
): DesiredOutplan {
  const at = { file: options.file ?? 'outplans.yaml', line: options.line ?? ++line, col: 5 };
  return {
    fields: fields(input),
    pin: options.pin ?? null,
    at,
    fieldAt: options.pin ? { id: { ...at, line: at.line + 1 } } : {},
  };
}

export function desiredState(
  outplans: readonly DesiredOutplan[],
  exclusions: readonly string[] = [],
): DesiredState {
  return {
    outplans,
    pruneExclusions: exclusions.map((pattern, i) => ({
      pattern,
      at: { file: 'prune.yaml', line: 3 + i, col: 7 },
    })),
  };
}

export function liveOutplan(
  id: string,
  input: FieldsInput = {},
  tmUpdate: string | null = null,
): LiveOutplan {
  return {
    id,
    fields: fields(input),
    tmCreate: '2026-01-15T09:30:00.123Z',
    tmUpdate,
    tmDelete: null,
  };
}

export function campaign(
  id: string,
  name: string,
  status: Campaign['status'],
  outplanId: string | null,
): Campaign {
  return { id, name, status, outplanId };
}

/** A readable fake UUID: uuid(1) = 00000000-0000-4000-8000-000000000001. */
export function uuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}
