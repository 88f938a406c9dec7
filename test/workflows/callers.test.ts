/**
 * The caller workflows users copy (docs/examples/github) stay in step with the reusable
 * workflows they call: actionlint cannot check a remote `uses:`, so this does — inputs and
 * secrets exist, required secrets are passed, and the caller grants every permission the
 * called jobs ask for (GitHub caps a called workflow's token at the caller's permissions).
 */
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listWorkflowFiles, loadWorkflow, type WorkflowFile } from './workflow-files.js';

type Permissions = Record<string, string> | string | undefined;

interface CallableWorkflow {
  readonly on: {
    workflow_call: {
      inputs?: Record<string, { required?: boolean; default?: unknown; type: string }>;
      secrets?: Record<string, { required?: boolean }>;
    };
  };
  readonly permissions?: Permissions;
  readonly jobs: Record<string, { permissions?: Permissions }>;
}

interface CallerJob {
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
  readonly secrets?: Record<string, string> | 'inherit';
  readonly permissions?: Permissions;
}

const LEVEL: Record<string, number> = { none: 0, read: 1, write: 2 };

function level(perms: Permissions, scope: string): number {
  if (perms === undefined) return -1; // not set here: inherit
  if (typeof perms === 'string') return perms === 'write-all' ? 2 : perms === 'read-all' ? 1 : 0;
  return LEVEL[perms[scope] ?? 'none']!;
}

const files = listWorkflowFiles();
const reusable = new Map(
  files
    .filter((f) => f.startsWith('.github/workflows/'))
    .map(loadWorkflow)
    .filter(
      (wf) => typeof wf.doc.on === 'object' && wf.doc.on !== null && 'workflow_call' in wf.doc.on,
    )
    .map((wf) => [basename(wf.path), wf.doc as unknown as CallableWorkflow]),
);

const calls = files
  .filter((f) => f.startsWith('docs/examples/github/'))
  .map(loadWorkflow)
  .flatMap((wf: WorkflowFile) =>
    Object.entries(wf.doc.jobs as Record<string, CallerJob>)
      .filter(([, job]) => job.uses?.includes('/outplanctl/.github/workflows/'))
      .map(([name, job]) => ({ caller: wf, name, job })),
  );

describe('example caller workflows', () => {
  it('cover plan, apply and drift', () => {
    const called = new Set(calls.map((c) => basename(c.job.uses!.split('@')[0]!)));
    expect([...called].sort()).toEqual([
      'outplanctl-apply.yml',
      'outplanctl-drift.yml',
      'outplanctl-plan.yml',
    ]);
  });

  it.each(calls.map((c) => [`${c.caller.path} ${c.name}`, c] as const))(
    '%s matches the workflow it calls',
    (_label, { caller, job }) => {
      const target = reusable.get(basename(job.uses!.split('@')[0]!));
      expect(target, `${job.uses} is not a reusable workflow of this repository`).toBeDefined();
      const call = target!.on.workflow_call;

      const inputs = call.inputs ?? {};
      for (const key of Object.keys(job.with ?? {})) {
        expect(Object.keys(inputs), `unknown input ${key}`).toContain(key);
      }
      for (const [key, def] of Object.entries(inputs)) {
        if (def.required && def.default === undefined) expect(job.with ?? {}).toHaveProperty(key);
      }

      const declared = call.secrets ?? {};
      if (job.secrets !== 'inherit') {
        const passed = Object.keys(job.secrets ?? {});
        for (const key of passed)
          expect(Object.keys(declared), `unknown secret ${key}`).toContain(key);
        for (const [key, def] of Object.entries(declared)) {
          if (def.required) expect(passed, `required secret ${key}`).toContain(key);
        }
      }

      const granted = job.permissions ?? (caller.doc as { permissions?: Permissions }).permissions;
      for (const called of Object.values(target!.jobs)) {
        const wanted = called.permissions ?? target!.permissions;
        if (wanted === undefined || typeof wanted === 'string') continue;
        for (const [scope, value] of Object.entries(wanted)) {
          expect(
            level(granted, scope),
            `caller must grant ${scope}: ${value}`,
          ).toBeGreaterThanOrEqual(LEVEL[value]!);
        }
      }
    },
  );
});
