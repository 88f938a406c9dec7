import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LoadedConfig, LoadOptions } from './load.js';

type Reply = { ok: true; loaded: LoadedConfig } | { ok: false; message: string; stack?: string };

const WORKER_URL = new URL('./load-worker.js', import.meta.url);

/**
 * loadConfig in a worker thread, so parsing a large config (the yaml parser does about
 * 1 MB/s) overlaps the network listing on the main thread. The result is plain data
 * and identical to loadConfig's.
 *
 * The worker runs the compiled `load-worker.js` beside this file (dist/). When running
 * from TypeScript sources (vitest on src/), there is no such file and this falls back
 * to loading on the current thread: same result, no overlap.
 */
export async function loadConfigInWorker(
  paths: string[],
  options: LoadOptions,
): Promise<LoadedConfig> {
  const plainOptions: LoadOptions = { cwd: options.cwd, strict: options.strict === true };
  if (!existsSync(fileURLToPath(WORKER_URL))) {
    const { loadConfig } = await import('./load.js');
    return loadConfig(paths, plainOptions);
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { workerData: { paths, options: plainOptions } });
    let settled = false;
    worker.once('message', (reply: Reply) => {
      settled = true;
      if (reply.ok) resolve(reply.loaded);
      else {
        const error = new Error(reply.message);
        if (reply.stack) error.stack = reply.stack;
        reject(error);
      }
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`config loader worker exited with code ${code}`));
    });
  });
}
