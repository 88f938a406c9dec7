/**
 * The HTTP pipeline (node:http only). Per request: route → credentials → rate limit →
 * fault → handler, then the added latency, then the answer. Every response, errors
 * included, carries a request id in the body envelope and in `X-Request-Id`.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { ApiFailureError, errorEnvelope, failures, type ApiFailure } from './api-errors.js';
import { authenticate } from './auth.js';
import { campaignHandlers } from './campaign-handlers.js';
import type { MicrosClock } from './clock.js';
import type { CredentialRegistry } from './credentials.js';
import type { FaultInjector, FaultKind } from './faults.js';
import type { Handler } from './handler-context.js';
import { newRequestId } from './ids.js';
import { numberHandlers } from './number-handlers.js';
import { outplanHandlers } from './outplan-handlers.js';
import type { RateLimiter } from './rate-limit.js';
import { matchRoute, type RouteKey } from './routes.js';
import type { EmulatorStore } from './store.js';

export interface RequestLogEntry {
  readonly method: string;
  /** Without the query string, so never a credential. */
  readonly path: string;
  /** 0 when the connection was reset instead of answered. */
  readonly status: number;
}

/**
 * The newest `max` requests (0: none). Trimmed in batches, so a long-running emulator
 * keeps bounded memory without shifting a big array on every request.
 */
export class RequestLog {
  private items: RequestLogEntry[] = [];

  constructor(private readonly max: number) {}

  push(entry: RequestLogEntry): void {
    if (this.max === 0) return;
    this.items.push(entry);
    if (this.items.length >= 2 * this.max) this.items = this.items.slice(-this.max);
  }

  get entries(): readonly RequestLogEntry[] {
    return this.items.length > this.max ? this.items.slice(-this.max) : this.items;
  }

  clear(): void {
    this.items = [];
  }
}

export interface ServerState {
  readonly store: EmulatorStore;
  readonly clock: MicrosClock;
  readonly credentials: CredentialRegistry;
  readonly latencyMs: number;
  readonly limiter: RateLimiter | null;
  faults: FaultInjector | null;
  readonly log: RequestLog;
}

const HANDLERS: Partial<Record<RouteKey, Handler>> = {
  ...outplanHandlers,
  ...campaignHandlers,
  ...numberHandlers,
};
const MAX_BODY_BYTES = 8 * 1024 * 1024;

type Outcome =
  | { readonly kind: 'ok'; readonly body: unknown }
  | { readonly kind: 'failure'; readonly failure: ApiFailure }
  | { readonly kind: 'reset' };

export function createRequestListener(state: ServerState) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    void serve(state, req, res);
  };
}

async function serve(state: ServerState, req: IncomingMessage, res: ServerResponse) {
  const requestId = newRequestId();
  const method = req.method ?? 'GET';
  const rawUrl = req.url ?? '/';
  const queryAt = rawUrl.search(/[?#]/);
  const path = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? '' : rawUrl.slice(queryAt + 1).split('#')[0]);
  let outcome: Outcome;
  try {
    const body = await readBody(req);
    outcome = dispatch(state, { method, path, query, body, headers: req.headers });
  } catch (error) {
    const failure = error instanceof ApiFailureError ? error.failure : failures.internal();
    outcome = { kind: 'failure', failure };
  }
  if (state.latencyMs > 0) await new Promise((r) => setTimeout(r, state.latencyMs));
  if (outcome.kind === 'reset') {
    state.log.push({ method, path, status: 0 });
    req.socket.destroy();
    return;
  }
  const status = outcome.kind === 'ok' ? 200 : outcome.failure.http;
  state.log.push({ method, path, status });
  const payload = JSON.stringify(
    outcome.kind === 'ok' ? outcome.body : errorEnvelope(outcome.failure, requestId),
  );
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    'X-Request-Id': requestId,
    ...(outcome.kind === 'failure' ? outcome.failure.headers : {}),
  });
  res.end(payload);
}

interface ParsedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** null when the body was too large to read. */
  readonly body: string | null;
  readonly headers: IncomingHttpHeaders;
}

function dispatch(state: ServerState, req: ParsedRequest): Outcome {
  const match = matchRoute(req.method, req.path);
  // Unknown routes are answered before credentials are even looked at.
  if (!match) return { kind: 'failure', failure: failures.routeNotFound() };
  const auth = authenticate(req.headers, req.query, state.credentials, state.clock.nowMs());
  if ('http' in auth) return { kind: 'failure', failure: auth };
  const retryAfter = state.limiter?.take(auth.customerId) ?? null;
  if (retryAfter !== null) return { kind: 'failure', failure: failures.rateLimited(retryAfter) };
  const fault: FaultKind | null = state.faults?.pick(match.route) ?? null;
  if (fault === 'reset') return { kind: 'reset' };
  if (fault === '500') return { kind: 'failure', failure: failures.internal() };
  if (fault === '503') return { kind: 'failure', failure: failures.unavailable() };
  const outcome = runHandler(state, match.route, match.rawId, auth.customerId, req);
  // "Commit then fail": the work is done (a create is stored), the answer is lost.
  if (fault === 'commit-then-fail') return { kind: 'failure', failure: failures.requestTimeout() };
  if (fault === 'commit-then-reset') return { kind: 'reset' };
  return outcome;
}

function runHandler(
  state: ServerState,
  route: RouteKey,
  rawId: string | undefined,
  customerId: string,
  req: ParsedRequest,
): Outcome {
  const handler = HANDLERS[route];
  if (!handler) return { kind: 'failure', failure: failures.routeNotFound() };
  if (req.body === null)
    return { kind: 'failure', failure: failures.invalidJsonBody('the body is too large') };
  try {
    const body = handler({
      customerId,
      rawId,
      query: req.query,
      body: req.body,
      store: state.store,
      clock: state.clock,
    });
    return { kind: 'ok', body };
  } catch (error) {
    if (error instanceof ApiFailureError) return { kind: 'failure', failure: error.failure };
    return { kind: 'failure', failure: failures.internal() };
  }
}

/** The whole body as text; null (after draining it) when it exceeds the limit. */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}
