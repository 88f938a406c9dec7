import { Worker } from 'node:worker_threads';
import type { LoadedConfig, LoadOptions } from './load.js';

type Reply = { ok: true; loaded: LoadedConfig } | { ok: false; message: string; stack?: string };

/**
 * loadConfig in a worker thread, so parsing a large config (the yaml parser does about
 * 1 MB/s) overlaps the network listing on the main thread. The result is plain data
 * and identical to loadConfig's.
 *
 * The worker runs the compiled `load-worker.js` next to this file, so this works from
 * dist/ (the built CLI); source-only runners (vitest on src/) use loadConfig directly.
 */
export function loadConfigInWorker(paths: string[], options: LoadOptions): Promise<LoadedConfig> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.js', import.meta.url), {
      workerData: { paths, options: { cwd: options.cwd, strict: options.strict === true } },
    });
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
