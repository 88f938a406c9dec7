/**
 * `--state FILE`: the emulator's rows on disk, so data survives a restart. Writes are
 * atomic (a temporary file in the same directory, then rename) and coalesced; a file that
 * cannot be read as state is an error, never a silent reset. Credentials are never
 * written: rows carry customer ids, which are derived from the access keys.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { UsageError } from '../model/errors.js';
import { OUTPLAN_DESCRIPTOR, SOURCE_KEYS, WIRE_TYPE_OF } from '../model/outplan-descriptor.js';
import type { WireOutplan } from '../model/wire.js';
import { isUuid } from './ids.js';
import type { NumberRecord } from './number-records.js';
import { isDeleted, type RenderedCampaign } from './records.js';
import { parseTimestamp } from './timestamps.js';

export const STATE_FORMAT = 'outplanctl-emulator-state';
/** Version 2 added `numbers`; a version 1 file (no numbers) still loads. */
export const STATE_VERSION = 2;
const READABLE_VERSIONS: readonly unknown[] = [1, 2];

export interface StateSnapshot {
  lastTickUs: number;
  outplans: WireOutplan[];
  campaigns: RenderedCampaign[];
  numbers: NumberRecord[];
}

interface StateFileJson {
  format: typeof STATE_FORMAT;
  version: typeof STATE_VERSION;
  last_tick_us: number;
  outplans: WireOutplan[];
  campaigns: RenderedCampaign[];
  numbers?: NumberRecord[];
}

function invalid(path: string, why: string): UsageError {
  return new UsageError(
    'EMULATOR_STATE_INVALID',
    `The emulator state file ${path} is not valid: ${why}.`,
    {
      hint: 'Fix it, or move it away to start empty. The emulator never overwrites a state file it cannot read.',
    },
  );
}

/** Reads a state file; null when it does not exist yet. */
export async function loadStateFile(path: string): Promise<StateSnapshot | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UsageError(
      'EMULATOR_STATE_UNREADABLE',
      `Cannot read the emulator state file ${path}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid(path, 'it is not JSON');
  }
  const problem = checkState(json);
  if (problem) throw invalid(path, problem);
  const state = json as StateFileJson;
  return {
    lastTickUs: state.last_tick_us,
    outplans: state.outplans,
    campaigns: state.campaigns,
    numbers: state.numbers ?? [],
  };
}

export function serializeState(snapshot: StateSnapshot): string {
  const file: StateFileJson = {
    format: STATE_FORMAT,
    version: STATE_VERSION,
    last_tick_us: snapshot.lastTickUs,
    outplans: snapshot.outplans,
    campaigns: snapshot.campaigns,
    numbers: snapshot.numbers,
  };
  return `${JSON.stringify(file, null, 1)}\n`;
}

export async function writeStateFile(path: string, snapshot: StateSnapshot): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, serializeState(snapshot), 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Coalesces saves: many writes in a burst become one file write shortly after. */
export class StatePersister {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dirty = false;
  private running: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(
    private readonly path: string,
    private readonly snapshot: () => StateSnapshot,
    private readonly delayMs = 50,
  ) {}

  schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save().catch((error: unknown) => (this.failure = error));
    }, this.delayMs);
    this.timer.unref();
  }

  /** Writes pending changes now; rethrows a failure of an earlier background save. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.save();
    if (this.failure !== undefined) throw this.failure;
  }

  private save(): Promise<void> {
    this.running = this.running.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      await writeStateFile(this.path, this.snapshot());
    });
    return this.running;
  }
}

// ---- validation of a loaded file -----------------------------------------------------

type Check = (value: unknown) => boolean;
const isString: Check = (v) => typeof v === 'string';
const isInt32: Check = (v) =>
  Number.isInteger(v) && (v as number) >= -(2 ** 31) && (v as number) < 2 ** 31;
const isUuidText: Check = (v) => typeof v === 'string' && isUuid(v);
const isTime: Check = (v) => typeof v === 'string' && parseTimestamp(v) !== null;
const isTimeOrNull: Check = (v) => v === null || isTime(v);
const isSource: Check = (v) =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.entries(v).every(
    ([k, s]) => (SOURCE_KEYS as readonly string[]).includes(k) && typeof s === 'string',
  );

const CHECK_OF_WIRE_TYPE: Record<(typeof WIRE_TYPE_OF)[keyof typeof WIRE_TYPE_OF], Check> = {
  string: isString,
  int32: isInt32,
  address: isSource,
};

/** The outplan's fields from its descriptor, between the ids and the timestamps. */
const OUTPLAN_CHECKS: Record<string, Check> = {
  id: isUuidText,
  customer_id: isUuidText,
  ...Object.fromEntries(
    OUTPLAN_DESCRIPTOR.map((spec) => [spec.wireKey, CHECK_OF_WIRE_TYPE[WIRE_TYPE_OF[spec.kind]]]),
  ),
  tm_create: isTime,
  tm_update: isTimeOrNull,
  tm_delete: isTimeOrNull,
};

const CAMPAIGN_CHECKS: Record<string, Check> = {
  id: isUuidText,
  customer_id: isUuidText,
  type: isString,
  name: isString,
  detail: isString,
  status: (v) => v === 'run' || v === 'stopping' || v === 'stop',
  service_level: isInt32,
  end_handle: isString,
  actions: Array.isArray,
  outplan_id: isUuidText,
  outdial_id: isUuidText,
  queue_id: isUuidText,
  next_campaign_id: isUuidText,
  tm_create: isTime,
  tm_update: isTimeOrNull,
  tm_delete: isTimeOrNull,
};

const isBoolean: Check = (v) => typeof v === 'boolean';
const NUMBER_CHECKS: Record<string, Check> = {
  id: isUuidText,
  customer_id: isUuidText,
  number: isString,
  type: isString,
  call_flow_id: isUuidText,
  message_flow_id: isUuidText,
  name: isString,
  detail: isString,
  status: isString,
  t38_enabled: isBoolean,
  emergency_enabled: isBoolean,
  metadata: (v) =>
    typeof v === 'object' && v !== null && isBoolean((v as { rtp_debug?: unknown }).rtp_debug),
  tm_purchase: isTimeOrNull,
  tm_renew: isTimeOrNull,
  tm_create: isTime,
  tm_update: isTimeOrNull,
  tm_delete: isTimeOrNull,
};

/** The first problem found, or null. */
function checkState(json: unknown): string | null {
  if (typeof json !== 'object' || json === null) return 'expected a JSON object';
  const file = json as Partial<Record<keyof StateFileJson, unknown>>;
  if (file.format !== STATE_FORMAT) return `"format" is not "${STATE_FORMAT}"`;
  if (!READABLE_VERSIONS.includes(file.version))
    return `unsupported "version" (expected ${READABLE_VERSIONS.join(' or ')})`;
  if (file.version === 1 && file.numbers !== undefined) return 'version 1 has no "numbers"';
  if (!Number.isSafeInteger(file.last_tick_us)) return '"last_tick_us" is not an integer';
  const ids = new Set<string>();
  for (const [name, checks] of [
    ['outplans', OUTPLAN_CHECKS],
    ['campaigns', CAMPAIGN_CHECKS],
    ['numbers', NUMBER_CHECKS],
  ] as const) {
    const rows = name === 'numbers' ? (file.numbers ?? []) : file[name];
    if (!Array.isArray(rows)) return `"${name}" is not an array`;
    for (const [i, row] of rows.entries()) {
      if (typeof row !== 'object' || row === null) return `${name}[${i}] is not an object`;
      for (const [key, check] of Object.entries(checks))
        if (!check((row as Record<string, unknown>)[key]))
          return `${name}[${i}].${key} is missing or malformed`;
      const id = (row as { id: string }).id.toLowerCase();
      if (ids.has(id)) return `${name}[${i}].id is a duplicate`;
      ids.add(id);
    }
  }
  return duplicateLiveNumber((file.numbers ?? []) as NumberRecord[]);
}

/** A live number string belongs to one row only, as on the service. */
function duplicateLiveNumber(numbers: readonly NumberRecord[]): string | null {
  const seen = new Set<string>();
  for (const [i, row] of numbers.entries()) {
    if (isDeleted(row.tm_delete)) continue;
    if (seen.has(row.number)) return `numbers[${i}].number is live twice`;
    seen.add(row.number);
  }
  return null;
}
