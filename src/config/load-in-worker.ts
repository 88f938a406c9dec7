import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deserialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { DesiredOutplan } from '../model/desired.js';
import type { LoadedConfig, LoadOptions } from './load.js';
import { unpackOutplans, type PackedOutplans } from './outplan-transfer.js';

/** Consecutive outplans: `values` and `strings` v8-serialised, `positions` an Int32Array's. */
export interface WorkerChunk {
  readonly values: ArrayBuffer;
  readonly positions: ArrayBuffer;
}

/**
 * What load-worker.ts posts: the LoadedConfig v8-serialised with its outplans left out
 * (`head`), and the outplans in order, packed in chunks. The buffers are transferred.
 */
export type WorkerReply =
  | { ok: true; head: ArrayBuffer; chunks: WorkerChunk[] }
  | { ok: false; message: string; stack?: string };

const WORKER_URL = new URL('./load-worker.js', import.meta.url);

/**
 * The worker's young generation, in MiB. The parser's garbage is short-lived (a streamed
 * load drops each outplan's YAML nodes at once), so a small nursery holds it as well as
 * V8's default (up to 3 x 16 MiB here) does, and that much less memory sits beside the
 * main thread's listing: ~15 MiB of peak RSS at 10 000 outplans, no slower.
 */
const WORKER_YOUNG_GENERATION_MB = 4;

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
  const reply = await new Promise<WorkerReply>((resolve, reject) => {
    const worker = new Worker(WORKER_URL, {
      workerData: { paths, options: plainOptions },
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    let settled = false;
    worker.once('message', (message: WorkerReply) => {
      settled = true;
      resolve(message);
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`config loader worker exited with code ${code}`));
    });
  });
  if (!reply.ok) {
    const error = new Error(reply.message);
    if (reply.stack) error.stack = reply.stack;
    throw error;
  }
  return assemble(reply.head, reply.chunks);
}

/**
 * Deserialises the reply a chunk per event-loop turn: the listing's responses, arriving
 * meanwhile on this thread, are handled between chunks instead of waiting for one long
 * deserialisation of every outplan.
 */
async function assemble(head: ArrayBuffer, chunks: readonly WorkerChunk[]): Promise<LoadedConfig> {
  const loaded = deserialize(new Uint8Array(head)) as LoadedConfig;
  // The head carries an empty array in the outplans' place (so key order is kept).
  const outplans = loaded.state.outplans as DesiredOutplan[];
  for (const chunk of chunks) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const parts = deserialize(new Uint8Array(chunk.values)) as Omit<PackedOutplans, 'positions'>;
    for (const outplan of unpackOutplans({ ...parts, positions: new Int32Array(chunk.positions) }))
      outplans.push(outplan);
  }
  return loaded;
}
