/**
 * The HTTP pipeline (node:http only). Per request: route → credentials → rate limit →
 * fault → handler, then the added latency, then the answer (delivery.ts). Every response,
 * errors included, carries a request id in the body envelope and in `X-Request-Id`.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { ApiFailureError, errorEnvelope, failures, type ApiFailure } from './api-errors.js';
import { authenticate } from './auth.js';
import { campaignHandlers } from './campaign-handlers.js';
import type { MicrosClock } from './clock.js';
import type { CredentialRegistry } from './credentials.js';
import type { WirePage } from '../model/wire.js';
import { deliver, type Delivery } from './delivery.js';
import { isListingFault, type FaultInjector } from './faults.js';
import type { Handler } from './handler-context.js';
import { newRequestId } from './ids.js';
import { numberHandlers } from './number-handlers.js';
import { outplanHandlers } from './outplan-handlers.js';
import type { RateLimiter } from './rate-limit.js';
import { ListingProbe } from './listing-faults.js';
import { LIST_ROUTES, matchRoute, type RouteKey } from './routes.js';
import type { EmulatorStore } from './store.js';

export interface RequestLogEntry {
  readonly method: string;
  /** Without the query string, so never a credential. */
  readonly path: string;
  /** 0 when the connection was reset, or left silent, instead of answered. */
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
  | { readonly kind: 'reset' }
  | { readonly kind: 'silent' };

/** An outcome and how it is delivered (faults can make both go wrong). */
interface Answer {
  readonly outcome: Outcome;
  readonly delivery: Delivery;
  /** The request id (body and header) echoes the request URL: `echo-url`, `echo-id`. */
  readonly echoUrl: boolean;
}

export function createRequestListener(state: ServerState) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    void serve(state, req, res);
  };
}

async function serve(state: ServerState, req: IncomingMessage, res: ServerResponse) {
  const method = req.method ?? 'GET';
  const rawUrl = req.url ?? '/';
  const queryAt = rawUrl.search(/[?#]/);
  const path = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? '' : rawUrl.slice(queryAt + 1).split('#')[0]);
  let answer: Answer;
  try {
    const body = await readBody(req);
    answer = dispatch(state, { method, path, rawUrl, query, body, headers: req.headers });
  } catch (error) {
    const failure = error instanceof ApiFailureError ? error.failure : failures.internal();
    answer = plain({ kind: 'failure', failure });
  }
  if (state.latencyMs > 0) await new Promise((r) => setTimeout(r, state.latencyMs));
  const { outcome } = answer;
  if (outcome.kind === 'reset' || outcome.kind === 'silent') {
    state.log.push({ method, path, status: 0 });
    // Silent: the request was read; the connection stays open until either side closes it.
    if (outcome.kind === 'reset') req.socket.destroy();
    return;
  }
  const requestId = answer.echoUrl
    ? `${newRequestId()} ${method} ${headerSafe(rawUrl)}`
    : newRequestId();
  const status = outcome.kind === 'ok' ? 200 : outcome.failure.http;
  state.log.push({ method, path, status });
  const payload = JSON.stringify(
    outcome.kind === 'ok' ? outcome.body : errorEnvelope(outcome.failure, requestId),
  );
  const headers = {
    'Content-Type': 'application/json; charset=utf-8',
    'X-Request-Id': requestId,
    ...(outcome.kind === 'failure' ? outcome.failure.headers : {}),
  };
  deliver(res, status, headers, payload, answer.delivery);
}

interface ParsedRequest {
  readonly method: string;
  readonly path: string;
  /** Path and query as sent: only ever echoed by the `echo-*` faults. */
  readonly rawUrl: string;
  readonly query: URLSearchParams;
  /** null when the body was too large to read. */
  readonly body: string | null;
  readonly headers: IncomingHttpHeaders;
}

const plain = (outcome: Outcome): Answer => ({ outcome, delivery: 'whole', echoUrl: false });

function dispatch(state: ServerState, req: ParsedRequest): Answer {
  const match = matchRoute(req.method, req.path);
  // Unknown routes are answered before credentials are even looked at.
  if (!match) return plain({ kind: 'failure', failure: failures.routeNotFound() });
  const auth = authenticate(req.headers, req.query, state.credentials, state.clock.nowMs());
  if ('http' in auth) return plain({ kind: 'failure', failure: auth });
  const retryAfter = state.limiter?.take(auth.customerId) ?? null;
  if (retryAfter !== null)
    return plain({ kind: 'failure', failure: failures.rateLimited(retryAfter) });
  const run = (query: URLSearchParams) =>
    runHandler(state, match.route, match.rawId, auth.customerId, { ...req, query });
  const faults = state.faults;
  const probe =
    faults && LIST_ROUTES.has(match.route)
      ? new ListingProbe(req.query, listOf(run), () => faults.freshTokenUs(state.clock.peek()))
      : null;
  const fault = faults?.pick(match.route, (kind) =>
    isListingFault(kind) ? (probe?.applies(kind) ?? false) : true,
  );
  if (!fault) return plain(run(req.query));
  if (isListingFault(fault)) return plain(outcomeOf(() => probe!.answer(fault)));
  switch (fault) {
    case 'reset':
    case 'silent':
      return plain({ kind: fault });
    case '500':
      return plain({ kind: 'failure', failure: failures.internal() });
    case '503':
      return plain({ kind: 'failure', failure: failures.unavailable() });
    case 'echo-url': {
      const failure = failures.internalEchoing(req.method, req.rawUrl, req.query);
      return { outcome: { kind: 'failure', failure }, delivery: 'whole', echoUrl: true };
    }
  }
  const outcome = run(req.query);
  switch (fault) {
    // "Commit then fail": the work is done (a create is stored), the answer is lost.
    case 'commit-then-fail':
      return plain({ kind: 'failure', failure: failures.requestTimeout() });
    case 'commit-then-reset':
      return plain({ kind: 'reset' });
    case 'trickle':
    case 'huge':
      return { outcome, delivery: fault, echoUrl: false };
    case 'echo-id':
      return { outcome, delivery: 'whole', echoUrl: true };
  }
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
  const body = req.body;
  return outcomeOf(() =>
    handler({
      customerId,
      rawId,
      query: req.query,
      body,
      store: state.store,
      clock: state.clock,
    }),
  );
}

function outcomeOf(produce: () => unknown): Outcome {
  try {
    return { kind: 'ok', body: produce() };
  } catch (error) {
    if (error instanceof ApiFailureError) return { kind: 'failure', failure: error.failure };
    return { kind: 'failure', failure: failures.internal() };
  }
}

/** A list route as a page function for the listing faults (a failure is thrown again). */
function listOf(run: (query: URLSearchParams) => Outcome) {
  return (query: URLSearchParams): WirePage<unknown> => {
    const outcome = run(query);
    if (outcome.kind === 'failure') throw new ApiFailureError(outcome.failure);
    return outcome.kind === 'ok'
      ? (outcome.body as WirePage<unknown>)
      : { result: [], next_page_token: '' };
  };
}

/** A header value Node accepts: anything outside printable ASCII becomes `?`. */
function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
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
