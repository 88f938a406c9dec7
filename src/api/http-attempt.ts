/**
 * One HTTP attempt, bounded in time and size whatever the server does: one deadline for
 * connect, headers and the whole body (an idle timer alone lets a server trickle a byte a
 * second forever), and a body read as a stream that stops at a cap (memory stays flat
 * when a 200 carries gigabytes).
 */
import type { Dispatcher } from 'undici';
import type { Method } from './request-target.js';
import { headerValue } from './response-body.js';

/** An error body is only ever quoted: its first 64 KiB are plenty. */
const ERROR_BODY_BYTES = 64 * 1024;

export interface AttemptRequest {
  readonly origin: string;
  /** With the credential, when it travels in the query. */
  readonly path: string;
  readonly method: Method;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

export interface AttemptLimits {
  readonly deadlineMs: number;
  readonly maxBodyBytes: number;
  readonly setTimer: (ms: number, onFire: () => void) => () => void;
}

export type Attempt =
  | {
      kind: 'response';
      status: number;
      retryAfter: string | undefined;
      /** Raw header value: untrusted, cleaned and redacted by the transport. */
      requestIdHeader: string | null;
      text: string;
    }
  /** A success body larger than the cap: never worth another attempt. */
  | {
      kind: 'too-large';
      status: number;
      requestIdHeader: string | null;
      limit: number;
      declared: number | null;
    }
  | { kind: 'network'; error: unknown };

/** The request took longer than its deadline, body included. */
export class DeadlineError extends Error {
  readonly code = 'REQUEST_DEADLINE';
  constructor(readonly ms: number) {
    super(`no complete answer within ${formatSeconds(ms)}`);
    this.name = 'DeadlineError';
  }
}

export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${seconds >= 10 ? Math.round(seconds) : Math.round(seconds * 10) / 10} s`;
}

class TooLarge {
  constructor(readonly declared: number | null) {}
}

export async function sendOnce(
  dispatcher: Dispatcher,
  request: AttemptRequest,
  limits: AttemptLimits,
): Promise<Attempt> {
  const controller = new AbortController();
  let expired = false;
  const cancel = limits.setTimer(limits.deadlineMs, () => {
    expired = true;
    controller.abort(new DeadlineError(limits.deadlineMs));
  });
  let status = 0;
  let requestIdHeader: string | null = null;
  try {
    const response = await dispatcher.request({
      origin: request.origin,
      path: request.path,
      method: request.method,
      headers: request.headers,
      body: request.body ?? null,
      signal: controller.signal,
    });
    status = response.statusCode;
    requestIdHeader = headerValue(response.headers['x-request-id']);
    const ok = status >= 200 && status < 300;
    const text = await readBounded(
      response.body,
      ok ? limits.maxBodyBytes : ERROR_BODY_BYTES,
      ok ? declaredLength(response.headers['content-length']) : null,
      ok,
    );
    return {
      kind: 'response',
      status,
      retryAfter: headerValue(response.headers['retry-after']) ?? undefined,
      requestIdHeader,
      text,
    };
  } catch (error) {
    if (error instanceof TooLarge) {
      return {
        kind: 'too-large',
        status,
        requestIdHeader,
        limit: limits.maxBodyBytes,
        declared: error.declared,
      };
    }
    return { kind: 'network', error: expired ? new DeadlineError(limits.deadlineMs) : error };
  } finally {
    cancel();
  }
}

function declaredLength(value: string | string[] | undefined): number | null {
  const text = headerValue(value);
  if (text === null || !/^\d+$/.test(text)) return null;
  return Number(text);
}

/**
 * The body as text, reading no more than `limit` bytes. Past the limit a success body is
 * refused (TooLarge); an error body is cut off, since only its start is ever shown.
 */
async function readBounded(
  body: Dispatcher.ResponseData['body'],
  limit: number,
  declared: number | null,
  refuseOverflow: boolean,
): Promise<string> {
  if (declared !== null && declared > limit && refuseOverflow) {
    body.destroy();
    throw new TooLarge(declared);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (size + chunk.length > limit) {
      body.destroy();
      if (refuseOverflow) throw new TooLarge(declared);
      chunks.push(chunk.subarray(0, limit - size));
      size = limit;
      break;
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
