/**
 * Worker-thread entry: runs loadConfig off the main thread and posts the plain-data
 * result back (see load-in-worker.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig, type LoadOptions } from './load.js';

interface Request {
  readonly paths: string[];
  readonly options: LoadOptions;
}

const request = workerData as Request;
try {
  const loaded = await loadConfig(request.paths, request.options);
  parentPort?.postMessage({ ok: true, loaded });
} catch (error) {
  parentPort?.postMessage({
    ok: false,
    message: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  });
}
