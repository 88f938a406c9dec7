import { describe, expect, it } from 'vitest';
import { reportError } from '../../src/cli/report-error.js';
import { UsageError } from '../../src/model/errors.js';

describe('reportError', () => {
  const capture = () => {
    let text = '';
    return { stream: { write: (s: string) => (text += s) }, text: () => text };
  };

  it('a bug is reported as one, without a stack unless --debug, and never with a credential', () => {
    const err = capture();
    const bug = new Error('request to https://x/v1.0/outplans?accesskey=vb_secret_1234 exploded');
    const code = reportError(bug, err.stream, false, { VOIPBIN_ACCESSKEY: 'vb_secret_1234' });
    expect(code).toBe(1);
    expect(err.text()).toContain('This is a bug in outplanctl');
    expect(err.text()).not.toContain('vb_secret_1234');
    expect(err.text()).not.toMatch(/\n\s+at /);

    const debug = capture();
    reportError(bug, debug.stream, true, { VOIPBIN_TOKEN: 'vb_secret_1234' });
    expect(debug.text()).toMatch(/\n\s+at /);
    expect(debug.text()).not.toContain('vb_secret_1234');
  });

  it('typed errors print message and hint and map to their exit code', () => {
    const err = capture();
    expect(
      reportError(new UsageError('X', 'Bad flag.', { hint: 'Use --good.' }), err.stream, false),
    ).toBe(3);
    expect(err.text()).toBe('error: Bad flag.\n  Use --good.\n');
  });
});
