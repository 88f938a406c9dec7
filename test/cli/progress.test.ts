import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/apply/index.js';
import { describeRecord, progressReporter } from '../../src/cli/apply-progress.js';
import { memoryIo } from '../helpers/memory-io.js';

const record = (overrides: Partial<CallRecord>): CallRecord => ({
  call: 'create',
  method: 'POST',
  path: '/outplans',
  name: 'Sales',
  id: '2b3c4d5e-6f7a-4901-bcde-f12345678901',
  before: null,
  after: null,
  outcome: 'succeeded',
  status: 200,
  requestId: 'req_1',
  retries: 0,
  durationMs: 12,
  startedAt: null,
  finishedAt: null,
  error: null,
  ...overrides,
});

describe('apply progress', () => {
  it('on a terminal, keeps one line per call naming the outplan and a created id', () => {
    const io = memoryIo({ env: {}, cwd: '/' });
    const tty = { ...io, stderr: { write: io.stderr.write, isTTY: true } };
    const report = progressReporter(tty);
    report({ type: 'call-finished', record: record({}), done: 1, total: 2 });
    report({
      type: 'call-finished',
      record: record({ call: 'delete', method: 'DELETE', name: 'Old', path: '/outplans/x' }),
      done: 2,
      total: 2,
    });
    const lines = io.err().split('\n');
    expect(lines[0]).toContain(
      '[1/2] ok: create "Sales" → id 2b3c4d5e-6f7a-4901-bcde-f12345678901 (POST /outplans',
    );
    expect(io.err()).toContain('[2/2] ok: delete "Old" (DELETE /outplans/x');
    // The counter line is cleared, not left behind, once every call is done.
    expect(io.err().endsWith('\n')).toBe(true);
  });

  it('a failure is one line with the request id once, then the detail without it', () => {
    const text = describeRecord(
      record({
        call: 'update_basic',
        method: 'PUT',
        path: '/outplans/abc',
        outcome: 'failed',
        status: 500,
        requestId: 'req_9',
        retries: 4,
        error: {
          code: 'INTERNAL_ERROR',
          message:
            'PUT http://h/v1.0/outplans/abc?accesskey=REDACTED failed with 500 INTERNAL_ERROR: boom (after 5 attempts, request id req_9) Quote request id req_9 to VoIPBIN support.',
        },
      }),
    );
    const [head, detail, more] = text.split('\n');
    expect(head).toBe(
      'FAILED: update name/detail of "Sales" (PUT /outplans/abc, HTTP 500, 4 retries, 12 ms, request id req_9)',
    );
    expect(detail).toBe('      failed with 500 INTERNAL_ERROR: boom (after 5 attempts)');
    expect(more).toBeUndefined();
  });
});
