import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { loadConfigInWorker as LoadInWorker } from '../../src/config/load-in-worker.js';
import { loadConfig } from '../../src/config/load.js';
import { REPO_ROOT } from '../helpers/run-cli.js';

// The worker runs compiled JavaScript, so this test uses the build (`npm run build`).
const BUILT = join(REPO_ROOT, 'dist/config/load-in-worker.js');

async function builtLoader(): Promise<typeof LoadInWorker> {
  if (!existsSync(BUILT)) throw new Error('dist/ is missing: run `npm run build` first');
  const module = (await import(pathToFileURL(BUILT).href)) as {
    loadConfigInWorker: typeof LoadInWorker;
  };
  return module.loadConfigInWorker;
}

describe('loadConfigInWorker', () => {
  it.each([
    [['examples/'], false],
    [['test/fixtures/config/diagnostics'], false],
    [['test/fixtures/config/diagnostics/warnings.yaml', 'missing.yaml'], true],
  ])('gives exactly what loadConfig gives for %j (strict: %s)', async (paths, strict) => {
    const loadConfigInWorker = await builtLoader();
    const options = { cwd: REPO_ROOT, strict };
    const [inWorker, inThread] = await Promise.all([
      loadConfigInWorker(paths, options),
      loadConfig(paths, options),
    ]);
    expect(inWorker).toEqual(inThread);
  });
});

describe('loadConfigInWorker from sources', () => {
  it('falls back to the current thread when there is no compiled worker', async () => {
    const { loadConfigInWorker } = await import('../../src/config/load-in-worker.js');
    const options = { cwd: REPO_ROOT };
    expect(await loadConfigInWorker(['examples/'], options)).toEqual(
      await loadConfig(['examples/'], options),
    );
  });
});
