import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { OUTPLAN_FIELDS } from '../../src/model/outplan.js';
import { SAVED_PLAN_SCHEMA } from '../../src/plan/saved-plan-schema.js';
import {
  buildPlan,
  createSavedPlan,
  digestOf,
  parseSavedPlan,
  serializeSavedPlan,
  SavedPlanError,
} from '../../src/plan/index.js';
import { desiredOutplan, desiredState, liveOutplan, uuid } from './builders.js';

const SCHEMA_FILE = 'schemas/saved-plan.schema.json';
const V1_FIXTURE = 'test/plan/saved-plan-v1.fixture.json';

function planFile(): Record<string, unknown> {
  const live = [liveOutplan(uuid(1), { name: 'Old' }), liveOutplan(uuid(2), { name: 'Keep' })];
  const desired = desiredState([
    desiredOutplan({ name: 'Keep', try_interval: 60_000, detail: 'changed' }),
    desiredOutplan({ name: 'New' }),
  ]);
  const { plan } = buildPlan({ desired, live, campaigns: [], prune: true });
  const saved = createSavedPlan({
    plan,
    apiUrl: 'https://api.voipbin.net/v1.0',
    configDigest: 'sha256:config',
    live,
    prune: true,
    toolVersion: '0.1.0',
    createdAt: '2026-03-01T12:00:00.000Z',
  });
  return JSON.parse(serializeSavedPlan(saved)) as Record<string, unknown>;
}

describe('the saved-plan schema', () => {
  it('is published as schemas/saved-plan.schema.json (UPDATE_SCHEMAS=1 rewrites it)', () => {
    const text = `${JSON.stringify(SAVED_PLAN_SCHEMA, null, 2)}\n`;
    if (process.env.UPDATE_SCHEMAS === '1') writeFileSync(SCHEMA_FILE, text);
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(SAVED_PLAN_SCHEMA);
  });

  it('is a valid 2020-12 schema that accepts what outplanctl writes', () => {
    const validate = new Ajv2020({ strict: true, discriminator: true }).compile(SAVED_PLAN_SCHEMA);
    expect(validate(planFile())).toBe(true);
  });

  it("describes every outplan field of the descriptor in a change's field sets", () => {
    const fields = SAVED_PLAN_SCHEMA.$defs.fields.properties;
    expect(Object.keys(fields)).toEqual(OUTPLAN_FIELDS);
  });

  it('still reads a format_version 1 file written by an earlier outplanctl', () => {
    const text = readFileSync(V1_FIXTURE, 'utf8');
    const saved = parseSavedPlan(text);
    expect(saved.plan.changes.map((c) => c.action)).toEqual(['delete', 'update', 'create']);
  });

  it.each([
    [(f: Record<string, unknown>) => delete f.live_fingerprint, 'live_fingerprint is missing'],
    [
      (f: Record<string, unknown>) =>
        ((f.plan as { changes: { action: string }[] }).changes[0]!.action = 'purge'),
      'plan.changes[0].action is not create, update or delete',
    ],
    [(f: Record<string, unknown>) => (f.prune = 'yes'), 'prune must be boolean'],
    [
      // A field set from a newer outplanctl: this version would apply it without the field.
      (f: Record<string, unknown>) =>
        ((
          f.plan as { changes: { before: Record<string, unknown> }[] }
        ).changes[0]!.before.max_try_count_9 = 3),
      'plan.changes[0].before.max_try_count_9 is not a key this outplanctl knows',
    ],
    [
      (f: Record<string, unknown>) => (f.apply_anyway = true),
      'apply_anyway is not a key this outplanctl knows (was the file written by a newer version?)',
    ],
  ])('names what is wrong with a malformed file (checksum recomputed): %#', (edit, problem) => {
    const file = planFile();
    edit(file);
    const { checksum: _c, ...body } = file;
    const text = JSON.stringify({ ...body, checksum: digestOf(body) });
    expect(() => parseSavedPlan(text)).toThrow(SavedPlanError);
    expect(() => parseSavedPlan(text)).toThrow(problem);
  });
});
