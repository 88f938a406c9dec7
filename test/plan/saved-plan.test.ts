import { describe, expect, it } from 'vitest';
import {
  buildPlan,
  compareFingerprint,
  createSavedPlan,
  DEFAULT_MAX_DELETE_SHARE,
  describeStaleReasons,
  effectiveSafety,
  parseSavedPlan,
  SavedPlanError,
  savedPlanSafety,
  serializeSavedPlan,
  type SavedPlan,
  type SavedPlanSafety,
} from '../../src/plan/index.js';
import { desiredOutplan, desiredState, liveOutplan, uuid } from './builders.js';

const live = [
  liveOutplan(uuid(1), { name: 'Keep' }, '2026-02-01T00:00:00Z'),
  liveOutplan(uuid(2), { name: 'Change' }, null),
  liveOutplan(uuid(3), { name: 'Drop' }, '2026-02-02T00:00:00Z'),
];
const desired = desiredState([
  desiredOutplan({ name: 'Keep' }),
  desiredOutplan({ name: 'Change', try_interval: 7_200_000 }),
  desiredOutplan({ name: 'New' }),
]);
const { plan } = buildPlan({ desired, live, campaigns: [], prune: true });

function saved(apiUrl = 'https://api.voipbin.net/v1.0', safety?: SavedPlanSafety): SavedPlan {
  return createSavedPlan({
    ...(safety ? { safety } : {}),
    plan,
    apiUrl,
    configDigest: 'sha256:config',
    live,
    prune: true,
    toolVersion: '0.1.0',
    createdAt: '2026-03-01T12:00:00.000Z',
  });
}

function expectSavedPlanError(text: string, reason: string, kind: string): SavedPlanError {
  try {
    parseSavedPlan(text);
  } catch (error) {
    expect(error).toBeInstanceOf(SavedPlanError);
    expect((error as SavedPlanError).reason).toBe(reason);
    expect((error as SavedPlanError).kind).toBe(kind);
    return error as SavedPlanError;
  }
  throw new Error('parseSavedPlan accepted the file');
}

describe('saved plans', () => {
  it('round-trips through its file text', () => {
    const value = saved();
    const parsed = parseSavedPlan(serializeSavedPlan(value));
    expect(parsed).toEqual(value);
    expect(parsed.plan).toEqual(plan);
    expect(parsed.summary).toEqual({ create: 1, update: 1, delete: 1, unchanged: 1 });
    expect(parsed.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('carries everything apply needs: ids and complete field groups', () => {
    const { changes } = parseSavedPlan(serializeSavedPlan(saved())).plan;
    expect(changes.map((c) => [c.action, c.id, c.calls])).toEqual([
      ['delete', uuid(3), ['delete']],
      ['update', uuid(2), ['update_dial_info']],
      ['create', null, ['create']],
    ]);
    const update = changes[1]!;
    if (update.action !== 'update') throw new Error('expected update');
    expect(Object.keys(update.after).sort()).toEqual(Object.keys(live[0]!.fields).sort());
    expect(update.after.source).toEqual(live[1]!.fields.source);
  });

  it('records every live outplan read, with a single digest', () => {
    const value = saved();
    expect(value.live_fingerprint.outplans).toEqual([
      { id: uuid(1), name: 'Keep', tm_update: '2026-02-01T00:00:00Z', tm_delete: null },
      { id: uuid(2), name: 'Change', tm_update: null, tm_delete: null },
      { id: uuid(3), name: 'Drop', tm_update: '2026-02-02T00:00:00Z', tm_delete: null },
    ]);
    expect(value.live_fingerprint.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Order-independent: the same live outplans listed in another order give the same digest.
    const reordered = createSavedPlan({
      ...{ plan, configDigest: 'x', prune: true, toolVersion: '0', createdAt: 'y' },
      apiUrl: 'https://h',
      live: [...live].reverse(),
    });
    expect(reordered.live_fingerprint.digest).toBe(value.live_fingerprint.digest);
  });

  it('never stores a credential from the API URL', () => {
    const value = saved('https://user:secret@api.example.test/v1.0/?accesskey=vb_SECRET#frag');
    expect(value.api_url).toBe('https://api.example.test/v1.0');
    expect(serializeSavedPlan(value)).not.toMatch(/vb_SECRET|secret|accesskey/);
  });

  it('rejects a file that is not JSON', () => {
    expectSavedPlanError('plan: yes', 'not-json', 'usage');
  });

  it('rejects a file from another tool', () => {
    expectSavedPlanError('{"format_version":1}', 'invalid', 'usage');
  });

  it('rejects another format_version, naming both', () => {
    const text = serializeSavedPlan(saved()).replace('"format_version": 1', '"format_version": 2');
    const error = expectSavedPlanError(text, 'wrong-format-version', 'usage');
    expect(error.message).toContain('format_version 2');
    expect(error.message).toContain('reads format_version 1');
    expect(error.code).toBe('SAVED_PLAN_FORMAT_VERSION');
  });

  it('detects a hand-edited plan (exit 4 kind)', () => {
    const text = serializeSavedPlan(saved()).replace(
      '"try_interval": 7200000',
      '"try_interval": 1',
    );
    expect(text).not.toBe(serializeSavedPlan(saved()));
    const error = expectSavedPlanError(text, 'tampered', 'refusal');
    expect(error.code).toBe('SAVED_PLAN_TAMPERED');
  });

  it('accepts the same content re-indented (the checksum is over canonical JSON)', () => {
    const text = JSON.stringify(JSON.parse(serializeSavedPlan(saved())));
    expect(parseSavedPlan(text)).toEqual(saved());
  });

  it('rejects a malformed change even with a matching checksum', () => {
    const bad = createSavedPlan({
      plan: { ...plan, changes: [{ ...plan.changes[0]!, calls: ['create'] } as never] },
      apiUrl: 'https://h',
      configDigest: 'x',
      live,
      prune: true,
      toolVersion: '0',
      createdAt: 'y',
    });
    const error = expectSavedPlanError(serializeSavedPlan(bad), 'invalid', 'usage');
    expect(error.message).toContain('plan.changes[0].calls[0] is not "delete"');
  });
});

describe('compareFingerprint', () => {
  it('is empty when nothing moved', () => {
    expect(compareFingerprint(saved(), [...live].reverse())).toEqual([]);
  });

  it('names outplans changed, vanished or created since', () => {
    const now = [
      liveOutplan(uuid(1), { name: 'Keep' }, '2026-03-05T00:00:00Z'),
      liveOutplan(uuid(2), { name: 'Change' }, null),
      liveOutplan(uuid(4), { name: 'Surprise' }, null),
    ];
    const reasons = compareFingerprint(saved(), now);
    expect(reasons).toEqual([
      {
        kind: 'changed',
        id: uuid(1),
        name: 'Keep',
        savedTmUpdate: '2026-02-01T00:00:00Z',
        currentTmUpdate: '2026-03-05T00:00:00Z',
      },
      { kind: 'vanished', id: uuid(3), name: 'Drop' },
      { kind: 'created', id: uuid(4), name: 'Surprise' },
    ]);
    expect(describeStaleReasons(reasons).split('\n')).toEqual([
      `changed since the plan was made: "Keep" (${uuid(1)}), tm_update 2026-02-01T00:00:00Z -> 2026-03-05T00:00:00Z`,
      `deleted since the plan was made: "Drop" (${uuid(3)})`,
      `created since the plan was made: "Surprise" (${uuid(4)})`,
    ]);
  });
});

describe('saved plan safety settings', () => {
  const strict = savedPlanSafety({ maxDeleteShare: 0.2 });

  it('records the settings plan ran with, with defaults for absent flags', () => {
    expect(strict).toEqual({
      max_delete_share: 0.2,
      allow_mass_delete: false,
      allow_delete_in_use: false,
    });
    const value = parseSavedPlan(serializeSavedPlan(saved(undefined, strict)));
    expect(value.safety).toEqual(strict);
  });

  it('is covered by the checksum: loosening it in the file is tampering', () => {
    const text = serializeSavedPlan(saved(undefined, strict)).replace(
      '"allow_mass_delete": false',
      '"allow_mass_delete": true',
    );
    expect(text).toContain('"allow_mass_delete": true');
    expectSavedPlanError(text, 'tampered', 'refusal');
  });

  it('keeps files without safety valid (format_version stays 1)', () => {
    const value = parseSavedPlan(serializeSavedPlan(saved()));
    expect(value.format_version).toBe(1);
    expect('safety' in value).toBe(false);
  });

  it.each([
    [
      { max_delete_share: 1.5, allow_mass_delete: false, allow_delete_in_use: false },
      'safety.max_delete_share must be <= 1',
    ],
    [
      { max_delete_share: 0.3, allow_mass_delete: 'yes', allow_delete_in_use: false },
      'allow_mass_delete',
    ],
    [{ max_delete_share: 0.3, allow_mass_delete: false }, 'allow_delete_in_use'],
  ])('rejects a malformed safety object even with a matching checksum: %j', (safety, problem) => {
    const text = serializeSavedPlan(saved(undefined, safety as unknown as SavedPlanSafety));
    const error = expectSavedPlanError(text, 'invalid', 'usage');
    expect(error.message).toContain(problem);
  });

  it("applies the stricter of the plan's and apply's settings, rule by rule", () => {
    // Reviewed under 20 %: apply with no flags still checks 20 %, not the default 30 %.
    expect(effectiveSafety(strict, {})).toEqual({
      maxDeleteShare: 0.2,
      allowMassDelete: false,
      allowDeleteInUse: false,
    });
    // Apply cannot loosen the share the plan was reviewed under, but can tighten it.
    expect(effectiveSafety(strict, { maxDeleteShare: 0.5 }).maxDeleteShare).toBe(0.2);
    expect(effectiveSafety(strict, { maxDeleteShare: 0.1 }).maxDeleteShare).toBe(0.1);
    // An override needs both: the plan made with it and apply given it.
    const allowed = savedPlanSafety({ allowMassDelete: true, allowDeleteInUse: true });
    expect(effectiveSafety(allowed, {})).toMatchObject({
      allowMassDelete: false,
      allowDeleteInUse: false,
    });
    expect(effectiveSafety(allowed, { allowMassDelete: true })).toMatchObject({
      allowMassDelete: true,
      allowDeleteInUse: false,
    });
    expect(effectiveSafety(strict, { allowMassDelete: true }).allowMassDelete).toBe(false);
  });

  it('treats a plan without safety as made with the defaults', () => {
    expect(effectiveSafety(undefined, {})).toEqual({
      maxDeleteShare: DEFAULT_MAX_DELETE_SHARE,
      allowMassDelete: false,
      allowDeleteInUse: false,
    });
    expect(effectiveSafety(undefined, { maxDeleteShare: 0.5 }).maxDeleteShare).toBe(0.3);
    expect(
      effectiveSafety(undefined, { allowMassDelete: true, allowDeleteInUse: true }),
    ).toMatchObject({ allowMassDelete: false, allowDeleteInUse: false });
  });
});
