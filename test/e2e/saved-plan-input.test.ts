import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startSession, type E2eSession } from '../helpers/e2e-session.js';

// A saved plan is read with the same care as a config file: a named pipe or a directory
// given as PLANFILE is a usage error at once (a FIFO with no writer would block forever).
describe('reading a saved plan', () => {
  let s: E2eSession;
  afterEach(async () => {
    await s.close();
  });

  it.each([
    ['apply --plan', (file: string) => ['apply', '--plan', file]],
    ['show', (file: string) => ['show', file]],
  ])('%s refuses a named pipe or a directory, without a request', async (_name, argv) => {
    s = await startSession();
    execFileSync('mkfifo', [`${s.dir}/plan.fifo`]);
    s.write('plans/keep', '');

    const fifo = await s.run(argv('plan.fifo'));
    expect(fifo.code).toBe(3);
    expect(fifo.stderr).toMatch(/^error: .*plan\.fifo is a named pipe, not a file\./m);

    const dir = await s.run(argv('plans'));
    expect(dir.code).toBe(3);
    expect(dir.stderr).toContain('plans is a directory, not a file.');
    expect(s.emulator.requests).toEqual([]);
  });
});
