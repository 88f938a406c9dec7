/**
 * Worker-thread entry: runs loadConfig off the main thread and posts the result back
 * (see load-in-worker.ts for the reply's shape).
 */
import { messageOf } from '../model/errors.js';
import { serialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerChunk, WorkerReply } from './load-in-worker.js';
import { loadConfig, type LoadOptions } from './load.js';
import { packOutplans } from './outplan-transfer.js';

interface Request {
  readonly paths: string[];
  readonly options: LoadOptions;
}

/** About 0.2 MB: a few milliseconds to deserialise and rebuild on the main thread. */
const OUTPLANS_PER_CHUNK = 500;

/**
 * Transferred, not copied: the bytes of a v8-serialised value in an ArrayBuffer of its own.
 * v8.serialize's Buffer normally is exactly that; it is only copied when it is not.
 */
function serialized(value: unknown): ArrayBuffer {
  const bytes = serialize(value);
  if (
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer
  )
    return bytes.buffer;
  const buffer = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(buffer).set(bytes);
  return buffer;
}

async function run(request: Request): Promise<WorkerReply> {
  const loaded = await loadConfig(request.paths, request.options);
  const { outplans } = loaded.state;
  // The outplans travel apart from the rest, in chunks the main thread deserialises
  // between the listing's responses instead of in one long pause, their positions packed
  // (outplan-transfer.ts).
  const chunks: WorkerChunk[] = [];
  for (let i = 0; i < outplans.length; i += OUTPLANS_PER_CHUNK) {
    const { values, strings, positions } = packOutplans(outplans.slice(i, i + OUTPLANS_PER_CHUNK));
    chunks.push({ values: serialized({ values, strings }), positions: positions.buffer });
  }
  const head = serialized({ ...loaded, state: { ...loaded.state, outplans: [] } });
  return { ok: true, head, chunks };
}

const reply = await run(workerData as Request).catch((error: unknown): WorkerReply => ({
  ok: false,
  message: messageOf(error),
  stack: error instanceof Error ? error.stack : undefined,
}));
const transfer = reply.ok
  ? [reply.head, ...reply.chunks.flatMap((chunk) => [chunk.values, chunk.positions])]
  : [];
parentPort?.postMessage(reply, transfer);
