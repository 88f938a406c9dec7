/**
 * One HTTP exchange with VoIPBIN, retries included: pacing, backoff with jitter,
 * Retry-After, redaction, typed errors. The client above it knows the routes; this knows
 * HTTP. undici is loaded lazily, on the first request, because importing it costs ~150 ms.
 */
import type { Dispatcher } from 'undici';
import { ApiError, type CallMeta } from './api-error.js';
import { basePath } from './base-url.js';
import type { ClientEvent } from './client-event.js';
import type { Credential } from './credential.js';
import {
  describeHttpFailure,
  describeMalformed,
  describeNetworkFailure,
} from './error-messages.js';
import { redactError, redactText, redactUrl } from './redact.js';
import { headerValue, readEnvelope, snippet } from './response-body.js';
import {
  RETRYABLE_STATUSES,
  backoffMs,
  classifyNetworkError,
  isAmbiguousStatus,
  parseRetryAfter,
  type NetworkFailure,
} from './retry-policy.js';
import { TokenBucket } from './token-bucket.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface TransportOptions {
  readonly baseUrl: URL;
  readonly credential: Credential;
  readonly dispatcher?: Dispatcher;
  readonly rate: number;
  readonly burst: number;
  readonly connectTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  readonly maxAttempts: number;
  /** Longest Retry-After the client will wait out; a longer one fails the call. */
  readonly maxRetryAfterMs: number;
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Monotonic milliseconds, for pacing and durations. */
  readonly now: () => number;
  /** Epoch milliseconds, for a Retry-After given as an HTTP date. */
  readonly wallClock: () => number;
  readonly userAgent: string;
  readonly onEvent?: (event: ClientEvent) => void;
}

export interface ApiRequest {
  readonly method: Method;
  /** Below the base path, e.g. `/outplans/{id}`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/**
 * `idempotent`: retry every retryable failure. `create`: retry only what provably never
 * reached the server (429, connect failures) and report the rest as ambiguous.
 */
export type RetryMode = 'idempotent' | 'create';

export type Exchange =
  | { outcome: 'ok'; status: number; text: string; meta: CallMeta }
  /** A DELETE answered 404 OUTPLAN_NOT_FOUND after an earlier answer was lost: it is done. */
  | { outcome: 'gone'; meta: CallMeta }
  /** A create that may or may not have been committed. */
  | { outcome: 'ambiguous'; error: ApiError };

type Attempt =
  | {
      kind: 'response';
      status: number;
      retryAfter: string | undefined;
      text: string;
      requestId: string | null;
    }
  | { kind: 'network'; failure: NetworkFailure; error: Error };

/** The state of one exchange across its attempts. */
interface Call {
  readonly request: ApiRequest;
  readonly mode: RetryMode;
  /** With the credential: only ever sent, never shown. */
  readonly path: string;
  readonly redacted: string;
  readonly body: string | undefined;
  readonly started: number;
  attempt: number;
  /** An earlier attempt may have been processed with its answer lost (5xx, reset). */
  lost: boolean;
  /** Of the last response; null after a network failure. */
  status: number | null;
  requestId: string | null;
}

/** The one 404 reason that means "this outplan does not exist" (not a wrong route). */
const GONE_REASON = 'OUTPLAN_NOT_FOUND';

export class Transport {
  private readonly secrets: readonly string[];
  private readonly bucket: TokenBucket;
  private dispatcher: Promise<Dispatcher> | undefined;
  private ownsDispatcher = false;
  private count = 0;

  constructor(private readonly options: TransportOptions) {
    this.secrets = [options.credential.value];
    this.bucket = new TokenBucket(options.rate, options.burst, {
      now: options.now,
      sleep: options.sleep,
    });
    if (options.dispatcher) this.dispatcher = Promise.resolve(options.dispatcher);
  }

  get requestCount(): number {
    return this.count;
  }

  get credential(): Credential {
    return this.options.credential;
  }

  emit(event: ClientEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // A failing listener must not break the call it observes.
    }
  }

  /** Scrub any text that may embed something we did not write. */
  redact(text: string): string {
    return redactText(text, this.secrets);
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher && this.dispatcher) {
      const dispatcher = await this.dispatcher;
      this.dispatcher = undefined;
      await dispatcher.close();
    }
  }

  async exchange(request: ApiRequest, mode: RetryMode): Promise<Exchange> {
    const { path, redacted } = this.target(request);
    const call: Call = {
      request,
      mode,
      path,
      redacted,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      started: this.options.now(),
      attempt: 0,
      lost: false,
      status: null,
      requestId: null,
    };
    for (;;) {
      call.attempt++;
      await this.bucket.take();
      const result = await this.attemptOnce(
        request.method,
        path,
        redacted,
        call.body,
        call.attempt,
      );
      const done =
        result.kind === 'response'
          ? await this.afterResponse(call, result)
          : await this.afterNetworkError(call, result);
      if (done) return done;
    }
  }

  /** The exchange's result, or null after waiting for another attempt. */
  private async afterResponse(
    call: Call,
    result: Extract<Attempt, { kind: 'response' }>,
  ): Promise<Exchange | null> {
    const { status } = result;
    const { method } = call.request;
    call.status = status;
    call.requestId = result.requestId;
    if (status >= 200 && status < 300) {
      this.bucket.recover();
      return { outcome: 'ok', status, text: result.text, meta: this.meta(call) };
    }
    // Only VoIPBIN's own "no such outplan" proves an earlier, lost DELETE landed; a
    // ROUTE_NOT_FOUND or a proxy's 404 says the URL is wrong.
    if (method === 'DELETE' && status === 404 && call.lost) {
      if (readEnvelope(result.text)?.reason === GONE_REASON) {
        return { outcome: 'gone', meta: this.meta(call) };
      }
    }
    if (status === 429) {
      this.bucket.slowDown();
      this.emit({ type: 'throttle', rate: this.bucket.rate, reason: '429 from VoIPBIN' });
    }
    const delay = this.retryDelay(result, call.mode, call.attempt);
    if (delay !== null) {
      this.emitRetry(method, call.redacted, call.attempt, delay, `HTTP ${status}`);
      await this.options.sleep(delay);
      call.lost ||= status >= 500;
      return null;
    }
    const error = this.httpError(method, call.redacted, result, this.meta(call));
    if (call.mode === 'create' && isAmbiguousStatus(status)) return { outcome: 'ambiguous', error };
    throw error;
  }

  /** The exchange's result, or null after waiting for another attempt. */
  private async afterNetworkError(
    call: Call,
    result: Extract<Attempt, { kind: 'network' }>,
  ): Promise<Exchange | null> {
    const { method } = call.request;
    call.status = null;
    call.requestId = null;
    const { failure } = result;
    const safeToRepeat = call.mode === 'idempotent' || !failure.maybeSent;
    if (failure.retryable && safeToRepeat && call.attempt < this.options.maxAttempts) {
      const delay = backoffMs(call.attempt, this.options.random);
      this.emitRetry(method, call.redacted, call.attempt, delay, failure.code);
      await this.options.sleep(delay);
      call.lost ||= failure.maybeSent;
      return null;
    }
    const wording = describeNetworkFailure(
      method,
      call.redacted,
      failure.code,
      result.error.message,
      call.attempt,
    );
    const error = new ApiError({
      ...wording,
      message: this.redact(wording.message),
      meta: this.meta(call),
      cause: result.error,
    });
    if (call.mode === 'create' && failure.maybeSent) return { outcome: 'ambiguous', error };
    throw error;
  }

  private meta(call: Call): CallMeta {
    return {
      method: call.request.method,
      url: call.redacted,
      status: call.status,
      requestId: call.requestId,
      attempts: call.attempt,
      durationMs: Math.round(this.options.now() - call.started),
    };
  }

  /** The response body as JSON, or a MALFORMED_RESPONSE error naming what was expected. */
  parseJson(exchange: { status: number; text: string; meta: CallMeta }, expected: string): unknown {
    try {
      return JSON.parse(exchange.text) as unknown;
    } catch {
      throw this.malformed(exchange, expected, `the body is not JSON (${snippet(exchange.text)})`);
    }
  }

  malformed(
    exchange: { status: number; meta: CallMeta },
    expected: string,
    problem: string,
  ): ApiError {
    const { meta } = exchange;
    const wording = describeMalformed(
      meta.method,
      meta.url,
      exchange.status,
      expected,
      problem,
      meta.requestId,
    );
    return new ApiError({ ...wording, message: this.redact(wording.message), meta });
  }

  /** null: do not retry. Otherwise the delay, at least what Retry-After asks for. */
  private retryDelay(
    result: { status: number; retryAfter: string | undefined },
    mode: RetryMode,
    attempt: number,
  ): number | null {
    if (!RETRYABLE_STATUSES.has(result.status) || attempt >= this.options.maxAttempts) return null;
    // A 429 was refused before any work was done: safe to repeat even for a create.
    if (mode === 'create' && result.status !== 429) return null;
    const asked = parseRetryAfter(result.retryAfter, this.options.wallClock());
    if (asked !== null && asked > this.options.maxRetryAfterMs) return null;
    return Math.max(backoffMs(attempt, this.options.random), asked ?? 0);
  }

  private emitRetry(method: string, url: string, attempt: number, delayMs: number, reason: string) {
    this.emit({ type: 'retry', method, url, attempt, delayMs, reason });
  }

  private target(request: ApiRequest): { path: string; redacted: string } {
    const base = this.options.baseUrl;
    const params = new URLSearchParams(request.query);
    const credential = this.options.credential;
    if (credential.kind === 'accesskey') params.set('accesskey', credential.value);
    const query = params.toString();
    const path = `${basePath(base)}${request.path}${query ? `?${query}` : ''}`;
    const shown = credential.kind === 'accesskey' ? redactUrl(path) : path;
    return { path, redacted: `${base.origin}${shown}` };
  }

  private async attemptOnce(
    method: Method,
    path: string,
    redacted: string,
    body: string | undefined,
    attempt: number,
  ): Promise<Attempt> {
    const dispatcher = await this.getDispatcher();
    this.count++;
    this.emit({ type: 'request', method, url: redacted, attempt });
    const started = this.options.now();
    try {
      const response = await dispatcher.request({
        origin: this.options.baseUrl.origin,
        path,
        method,
        headers: this.headers(body !== undefined),
        body: body ?? null,
        headersTimeout: this.options.headersTimeoutMs,
        bodyTimeout: this.options.bodyTimeoutMs,
      });
      const text = await response.body.text();
      // Error bodies repeat the id; success bodies (big list pages) are not parsed twice.
      const requestId =
        headerValue(response.headers['x-request-id']) ??
        (response.statusCode >= 400 ? (readEnvelope(text)?.requestId ?? null) : null);
      this.emit({
        type: 'response',
        method,
        url: redacted,
        attempt,
        status: response.statusCode,
        requestId,
        durationMs: Math.round(this.options.now() - started),
      });
      return {
        kind: 'response',
        status: response.statusCode,
        retryAfter: headerValue(response.headers['retry-after']) ?? undefined,
        text,
        requestId,
      };
    } catch (raw) {
      const failure = classifyNetworkError(raw);
      const error = redactError(raw, this.secrets);
      this.emit({
        type: 'network-error',
        method,
        url: redacted,
        attempt,
        code: failure.code,
        message: error.message,
        durationMs: Math.round(this.options.now() - started),
      });
      return { kind: 'network', failure, error };
    }
  }

  private headers(hasBody: boolean): Record<string, string> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.options.userAgent,
    };
    if (hasBody) headers['content-type'] = 'application/json';
    if (this.options.credential.kind === 'token') {
      headers.authorization = `Bearer ${this.options.credential.value}`;
    }
    return headers;
  }

  private getDispatcher(): Promise<Dispatcher> {
    this.dispatcher ??= this.createAgent();
    return this.dispatcher;
  }

  private async createAgent(): Promise<Dispatcher> {
    const { Agent } = await import('undici');
    this.ownsDispatcher = true;
    // One keep-alive pool per client: every page and call reuses warm connections.
    return new Agent({
      connect: { timeout: this.options.connectTimeoutMs },
      headersTimeout: this.options.headersTimeoutMs,
      bodyTimeout: this.options.bodyTimeoutMs,
      keepAliveTimeout: 10_000,
    });
  }

  private httpError(
    method: string,
    url: string,
    result: { status: number; text: string; requestId: string | null },
    meta: CallMeta,
  ): ApiError {
    const envelope = readEnvelope(result.text);
    const requestId = result.requestId ?? envelope?.requestId ?? null;
    const wording = describeHttpFailure(
      {
        method,
        url,
        status: result.status,
        reason: envelope?.reason ?? null,
        message: envelope?.message ?? `no VoIPBIN error body (${snippet(result.text)})`,
        requestId,
        attempts: meta.attempts,
      },
      this.options.credential,
    );
    return new ApiError({
      code: wording.code,
      message: this.redact(wording.message),
      hint: this.redact(wording.hint),
      meta: { ...meta, requestId },
      reason: envelope?.reason ?? null,
      requestId,
    });
  }
}
