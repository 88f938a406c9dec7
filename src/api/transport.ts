/**
 * One call to VoIPBIN, retries included: pacing, backoff with jitter, Retry-After, one
 * deadline for the whole call, redaction, typed errors. The client above it knows the
 * routes; this knows when to try again. Sending one attempt is `http-attempt.ts`'s job,
 * where the credential goes `request-target.ts`'s, the connection pool `dispatcher.ts`'s.
 */
import type { ApiError, CallMeta } from './api-error.js';
import {
  httpError,
  networkError,
  requestIdFrom,
  safeEnvelope,
  stoppedRetrying,
  tooLargeError,
  type Redact,
} from './call-errors.js';
import type { ClientEvent } from './client-event.js';
import type { ResolvedOptions } from './client-options.js';
import { DispatcherHolder } from './dispatcher.js';
import type { CallContext } from './error-messages.js';
import { formatSeconds, sendOnce, type Attempt } from './http-attempt.js';
import { proxyForProtocol, shownProxy } from './proxy.js';
import { redactError, redactText } from './redact.js';
import { headersFor, targetOf, type ApiRequest, type Target } from './request-target.js';
import { backoffMs, classifyNetworkError, isAmbiguousStatus, planRetry } from './retry-policy.js';
import { TokenBucket } from './token-bucket.js';

/** Waits at least this long are announced with a `wait` event (the CLI prints them). */
export const WAIT_NOTICE_MS = 3_000;

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

type Response = Extract<Attempt, { kind: 'response' }>;

/** The state of one call across its attempts. */
interface Call {
  readonly request: ApiRequest;
  readonly mode: RetryMode;
  readonly target: Target;
  readonly body: string | undefined;
  readonly started: number;
  readonly deadline: number;
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
  readonly redact: Redact;
  private readonly bucket: TokenBucket;
  private readonly dispatcher: DispatcherHolder;
  private readonly proxyShown: string | null;
  private count = 0;

  constructor(
    private readonly baseUrl: URL,
    private readonly options: ResolvedOptions,
    /** Every secret no message may show: the credential, proxy user names and passwords. */
    private readonly secrets: readonly string[],
  ) {
    this.redact = (text) => redactText(text, secrets);
    this.bucket = new TokenBucket(options.rate, options.burst, {
      now: options.now,
      sleep: options.sleep,
    });
    this.dispatcher = new DispatcherHolder(
      {
        origin: baseUrl,
        proxy: options.proxy,
        connectTimeoutMs: options.connectTimeoutMs,
        idleTimeoutMs: options.requestTimeoutMs,
      },
      options.dispatcher,
    );
    const proxy = proxyForProtocol(options.proxy, baseUrl.protocol);
    this.proxyShown = proxy ? `${shownProxy(proxy)} (from ${proxy.from})` : null;
  }

  get requestCount(): number {
    return this.count;
  }

  emit(event: ClientEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // A failing listener must not break the call it observes.
    }
  }

  /** Sleeps, announcing the wait first when it is long enough to be noticed. */
  async wait(ms: number, reason: string): Promise<void> {
    if (ms >= WAIT_NOTICE_MS) this.emit({ type: 'wait', reason, ms });
    await this.options.sleep(ms);
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  async exchange(request: ApiRequest, mode: RetryMode): Promise<Exchange> {
    // Loading undici (the first call) is not the server's time: the deadline starts after.
    await this.dispatcher.get();
    const started = this.options.now();
    const call: Call = {
      request,
      mode,
      target: targetOf(this.baseUrl, this.options.credential, request),
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      started,
      deadline: started + this.options.callTimeoutMs,
      attempt: 0,
      lost: false,
      status: null,
      requestId: null,
    };
    for (;;) {
      call.attempt++;
      await this.bucket.take();
      const remaining = call.deadline - this.options.now();
      const result = await this.attemptOnce(
        call,
        Math.min(this.options.requestTimeoutMs, remaining),
      );
      let done: Exchange | null;
      if (result.kind === 'network') {
        done = await this.afterNetworkError(call, result.error);
      } else {
        call.status = result.status;
        const text = result.kind === 'response' ? result.text : '';
        call.requestId = requestIdFrom(result.requestIdHeader, result.status, text, this.redact);
        if (result.kind === 'too-large') throw tooLargeError(result, this.meta(call), this.redact);
        done = await this.afterResponse(call, result);
      }
      if (done) return done;
    }
  }

  /** The exchange's result, or null after waiting for another attempt. */
  private async afterResponse(call: Call, result: Response): Promise<Exchange | null> {
    const { status } = result;
    if (status >= 200 && status < 300) {
      this.bucket.recover();
      return { outcome: 'ok', status, text: result.text, meta: this.meta(call) };
    }
    // Only VoIPBIN's own "no such outplan" proves an earlier, lost DELETE landed; a
    // ROUTE_NOT_FOUND or a proxy's 404 says the URL is wrong.
    if (call.request.method === 'DELETE' && status === 404 && call.lost) {
      if (safeEnvelope(result.text, this.redact)?.reason === GONE_REASON) {
        return { outcome: 'gone', meta: this.meta(call) };
      }
    }
    if (status === 429) {
      this.bucket.slowDown();
      this.emit({ type: 'throttle', rate: this.bucket.rate, reason: '429 from VoIPBIN' });
    }
    const plan = planRetry({
      status,
      retryAfter: result.retryAfter,
      mode: call.mode,
      attempt: call.attempt,
      maxAttempts: this.options.maxAttempts,
      maxRetryAfterMs: this.options.maxRetryAfterMs,
      wallClock: this.options.wallClock(),
      random: this.options.random,
      fits: (ms) => this.timeLeftFor(call, ms),
    });
    if (plan.kind === 'wait') {
      this.emitRetry(call, plan.ms, `HTTP ${status}`);
      const asked = plan.asked ? ` with Retry-After ${formatSeconds(plan.asked)}` : '';
      await this.wait(plan.ms, `a retry of ${this.shown(call)} (it answered ${status}${asked})`);
      call.lost ||= status >= 500;
      return null;
    }
    const failure = httpError(
      { status, text: result.text, requestId: call.requestId },
      this.meta(call),
      this.context(call.request),
      this.options.credential,
      this.redact,
    );
    const error = stoppedRetrying(failure, plan, this.options);
    if (call.mode === 'create' && isAmbiguousStatus(status)) return { outcome: 'ambiguous', error };
    throw error;
  }

  /** The exchange's result, or null after waiting for another attempt. */
  private async afterNetworkError(call: Call, raw: unknown): Promise<Exchange | null> {
    call.status = null;
    call.requestId = null;
    const failure = classifyNetworkError(raw);
    const safeToRepeat = call.mode === 'idempotent' || !failure.maybeSent;
    let outOfTime = false;
    if (failure.retryable && safeToRepeat && call.attempt < this.options.maxAttempts) {
      const delay = backoffMs(call.attempt, this.options.random);
      outOfTime = !this.timeLeftFor(call, delay);
      if (!outOfTime) {
        this.emitRetry(call, delay, failure.code);
        await this.wait(delay, `a retry of ${this.shown(call)} (it failed: ${failure.code})`);
        call.lost ||= failure.maybeSent;
        return null;
      }
    }
    const cause = redactError(raw, this.secrets);
    const detail = outOfTime
      ? `${cause.message}; the call's ${formatSeconds(this.options.callTimeoutMs)} deadline leaves no time for another attempt`
      : cause.message;
    const context = this.context(call.request);
    const error = networkError(this.meta(call), failure.code, detail, context, cause, this.redact);
    if (call.mode === 'create' && failure.maybeSent) return { outcome: 'ambiguous', error };
    throw error;
  }

  /** Whether waiting `delay` still leaves a useful attempt before the call's deadline. */
  private timeLeftFor(call: Call, delay: number): boolean {
    const after = this.options.now() + delay;
    return call.deadline - after >= Math.min(1_000, this.options.requestTimeoutMs);
  }

  private context(request: ApiRequest): CallContext {
    return { listing: request.listing === true, proxy: this.proxyShown };
  }

  private emitRetry(call: Call, delayMs: number, reason: string): void {
    const { method } = call.request;
    const url = call.target.redacted;
    this.emit({ type: 'retry', method, url, attempt: call.attempt, delayMs, reason });
  }

  private shown(call: Call): string {
    return `${call.request.method} ${call.target.redacted}`;
  }

  private meta(call: Call): CallMeta {
    return {
      method: call.request.method,
      url: call.target.redacted,
      status: call.status,
      requestId: call.requestId,
      attempts: call.attempt,
      durationMs: Math.round(this.options.now() - call.started),
    };
  }

  private async attemptOnce(call: Call, deadlineMs: number): Promise<Attempt> {
    const dispatcher = await this.dispatcher.get();
    const { method } = call.request;
    const url = call.target.redacted;
    const attempt = call.attempt;
    this.count++;
    this.emit({ type: 'request', method, url, attempt });
    const started = this.options.now();
    const hasBody = call.body !== undefined;
    const result = await sendOnce(
      dispatcher,
      {
        origin: this.baseUrl.origin,
        path: call.target.path,
        method,
        headers: headersFor(this.options.credential, this.options.userAgent, hasBody),
        body: call.body,
      },
      {
        deadlineMs: Math.max(1, deadlineMs),
        maxBodyBytes: this.options.maxBodyBytes,
        setTimer: this.options.setTimer,
      },
    );
    const durationMs = Math.round(this.options.now() - started);
    if (result.kind === 'network') {
      const { code } = classifyNetworkError(result.error);
      const { message } = redactError(result.error, this.secrets);
      this.emit({ type: 'network-error', method, url, attempt, code, message, durationMs });
    } else {
      const text = result.kind === 'response' ? result.text : '';
      const requestId = requestIdFrom(result.requestIdHeader, result.status, text, this.redact);
      const status = result.status;
      this.emit({ type: 'response', method, url, attempt, status, requestId, durationMs });
    }
    return result;
  }
}
