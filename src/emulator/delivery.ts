/**
 * How an answer leaves the emulator: whole (the normal case), or badly on purpose for the
 * `trickle` and `huge` faults. Both send the status and headers at once, without a
 * Content-Length (chunked), and stop as soon as the client or `close()` ends the connection.
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** `trickle`: whitespace before the JSON so that the body lasts at least this long. */
export const TRICKLE_PADDING_BYTES = 3600;
export const TRICKLE_INTERVAL_MS = 1000;
/** `huge`: whitespace before the JSON (1 GiB: over any sane cap, over V8's string limit). */
export const HUGE_PADDING_BYTES = 1024 ** 3;
const CHUNK = Buffer.alloc(64 * 1024, 0x20);

export type Delivery = 'whole' | 'trickle' | 'huge';

export function deliver(
  res: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  payload: string,
  how: Delivery,
): void {
  if (how === 'whole') {
    res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(payload) });
    res.end(payload);
    return;
  }
  res.writeHead(status, headers);
  res.flushHeaders();
  if (how === 'trickle') trickle(res, payload);
  else pad(res, payload);
}

/** One byte a second: the padding, then the answer. Valid JSON, an hour later. */
function trickle(res: ServerResponse, payload: string): void {
  const body = Buffer.concat([Buffer.alloc(TRICKLE_PADDING_BYTES, 0x20), Buffer.from(payload)]);
  let sent = 0;
  const timer = setInterval(() => {
    if (sent >= body.length) {
      clearInterval(timer);
      res.end();
      return;
    }
    res.write(body.subarray(sent, ++sent));
  }, TRICKLE_INTERVAL_MS);
  res.on('close', () => clearInterval(timer));
}

/** 1 GiB of spaces as fast as the client reads (back-pressure respected), then the answer. */
function pad(res: ServerResponse, payload: string): void {
  let left = HUGE_PADDING_BYTES;
  let closed = false;
  res.on('close', () => (closed = true));
  const pump = () => {
    while (!closed && left > 0) {
      const n = Math.min(left, CHUNK.length);
      left -= n;
      if (!res.write(n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n))) {
        res.once('drain', pump);
        return;
      }
    }
    if (!closed) res.end(payload);
  };
  pump();
}
