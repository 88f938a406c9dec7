import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { loadConfigInWorker as LoadInWorker } from '../../src/config/load-in-worker.js';
import { loadConfig } from '../../src/config/load.js';
import { REPO_ROOT } from '../helpers/run-cli.js';

// The worker runs compiled JavaScript, so this test uses the build (`npm run build`).
const BUILT = join(REPO_ROOT, 'dist/config/load-in-worker.js');

/** More outplans than one chunk of the worker's reply holds (500), and a partial last one. */
const COUNT = 1_234;

function config(count: number): string {
  const lines = ['outplans:'];
  for (let i = 0; i < count; i++) {
    lines.push(
      `  - name: chunked-${String(i).padStart(4, '0')}`,
      `    detail: outplan ${i}`,
      `    source: { type: tel, target: "+1555${String(i).padStart(7, '0')}" }`,
      `    dial_timeout: ${20 + (i % 40)}s`,
      `    try_interval: ${1 + (i % 12)}h`,
      `    max_try_count_0: ${i % 6}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('loadConfigInWorker with more outplans than one reply chunk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'outplanctl-chunks-'));
    await writeFile(join(dir, 'many.yaml'), config(COUNT));
    // A second file whose duplicate name makes diagnostics travel beside the outplans.
    await writeFile(join(dir, 'zz-duplicate.yaml'), config(1));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives exactly what loadConfig gives, outplans in the same order', async () => {
    if (!existsSync(BUILT)) throw new Error('dist/ is missing: run `npm run build` first');
    const { loadConfigInWorker } = (await import(pathToFileURL(BUILT).href)) as {
      loadConfigInWorker: typeof LoadInWorker;
    };
    const options = { cwd: dir, strict: false };
    const [inWorker, inThread] = await Promise.all([
      loadConfigInWorker(['.'], options),
      loadConfig(['.'], options),
    ]);
    expect(inWorker.state.outplans).toHaveLength(COUNT + 1);
    expect(inWorker.diagnostics.length).toBeGreaterThan(0);
    expect(inWorker).toEqual(inThread);
    expect(inWorker.state.outplans.map((o) => o.fields.name)).toEqual(
      inThread.state.outplans.map((o) => o.fields.name),
    );
  });
});
