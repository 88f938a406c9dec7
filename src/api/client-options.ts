/**
 * What a client can be told, and what it assumes when it is not. One place for every
 * default, so the bounds the documentation promises (a silent server fails `plan` within
 * 60 s, a listing is capped, a body is capped) can be read, and tested, together.
 */
import type { Dispatcher } from 'undici';
import type { ClientEvent } from './client-event.js';
import type { Credential } from './credential.js';
import type { ProxySettings } from './proxy.js';

export interface ClientOptions {
  /** e.g. https://api.voipbin.net/v1.0 or http://127.0.0.1:1234/v1.0 */
  baseUrl: string;
  credential: Credential;
  /** Injectable (MockAgent in tests); default: one keep-alive undici Agent per client. */
  dispatcher?: Dispatcher;
  /** Proxies as the environment names them (read by the CLI, never here). */
  proxy?: ProxySettings;
  /** Requests per second for all requests of this client; default 15. Infinity: no pacing. */
  rate?: number;
  /** Bucket size; default twice the rate (30), capped at 30 when the rate is higher. */
  burst?: number;
  connectTimeoutMs?: number;
  /**
   * Deadline of one HTTP attempt, from the first byte sent to the last byte of the body
   * (connect, headers and the whole body); default 20 s. A server that trickles a body
   * one byte at a time cannot stretch it.
   */
  requestTimeoutMs?: number;
  /**
   * Deadline of one call, every attempt, backoff and Retry-After included; default 45 s,
   * so a server that never answers fails a listing well within a minute.
   */
  callTimeoutMs?: number;
  /** HTTP attempts per idempotent call; default 5. */
  maxAttempts?: number;
  /**
   * POSTs per create, the first included; default 5. A POST is repeated only after the
   * re-lists (`createRecheckDelaysMs`) proved that the failed one created nothing.
   */
  maxCreateAttempts?: number;
  /**
   * After a create whose outcome is unknown (5xx, reset, timeout): wait this long before
   * each re-list looking for it; default [1000, 2000, 4000], i.e. re-lists ~1 s, ~3 s and
   * ~7 s after the failure. VoIPBIN's reads may briefly lag a write, so one early
   * listing is not proof that nothing was created.
   */
  createRecheckDelaysMs?: readonly number[];
  /** Longest Retry-After worth waiting for; default 30 s. A longer one fails the call. */
  maxRetryAfterMs?: number;
  /** Most rows one listing may hold before it is refused; default 200 000. */
  maxListItems?: number;
  /** Most pages one listing may take before it is refused; default 5 000. */
  maxListPages?: number;
  /** Largest response body read; default 16 MiB. A 100-row page is about 60 KB. */
  maxBodyBytes?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Starts a deadline timer; returns its cancel. Default: setTimeout. */
  setTimer?: (ms: number, onFire: () => void) => () => void;
  /** Monotonic milliseconds, for pacing and durations; default performance.now. */
  now?: () => number;
  /** Epoch milliseconds, for a Retry-After HTTP date; default Date.now. */
  wallClock?: () => number;
  userAgent?: string;
  /** Request/response/retry/wait events with redacted URLs, for --debug traces and audit. */
  onEvent?: (event: ClientEvent) => void;
}

export const DEFAULT_RATE = 15;
export const DEFAULT_CREATE_RECHECK_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000];
export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;
export const DEFAULT_CALL_TIMEOUT_MS = 45_000;
export const DEFAULT_MAX_RETRY_AFTER_MS = 30_000;
export const DEFAULT_MAX_LIST_ITEMS = 200_000;
export const DEFAULT_MAX_LIST_PAGES = 5_000;
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
export const PAGE_SIZE = 100;

/** Every option with its default applied, checked once. */
export type ResolvedOptions = Required<
  Omit<ClientOptions, 'dispatcher' | 'proxy' | 'onEvent' | 'baseUrl'>
> &
  Pick<ClientOptions, 'dispatcher' | 'proxy' | 'onEvent'>;

const defaultSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

const defaultSetTimer = (ms: number, onFire: () => void) => {
  const handle = setTimeout(onFire, ms);
  return () => clearTimeout(handle);
};

export function resolveOptions(options: ClientOptions): ResolvedOptions {
  const rate = options.rate ?? DEFAULT_RATE;
  if (!(rate > 0)) throw new RangeError(`rate must be positive, got ${rate}`);
  const resolved: ResolvedOptions = {
    credential: options.credential,
    dispatcher: options.dispatcher,
    proxy: options.proxy,
    onEvent: options.onEvent,
    rate,
    burst: options.burst ?? Math.min(30, Math.max(1, Math.floor(rate * 2))),
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    callTimeoutMs: options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
    maxAttempts: options.maxAttempts ?? 5,
    maxCreateAttempts: options.maxCreateAttempts ?? 5,
    createRecheckDelaysMs: options.createRecheckDelaysMs ?? DEFAULT_CREATE_RECHECK_DELAYS_MS,
    maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS,
    maxListItems: options.maxListItems ?? DEFAULT_MAX_LIST_ITEMS,
    maxListPages: options.maxListPages ?? DEFAULT_MAX_LIST_PAGES,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? defaultSleep,
    setTimer: options.setTimer ?? defaultSetTimer,
    now: options.now ?? (() => performance.now()),
    wallClock: options.wallClock ?? Date.now,
    userAgent: options.userAgent ?? 'outplanctl',
  };
  for (const key of [
    'requestTimeoutMs',
    'callTimeoutMs',
    'connectTimeoutMs',
    'maxListItems',
    'maxListPages',
    'maxBodyBytes',
  ] as const) {
    if (!(resolved[key] > 0)) throw new RangeError(`${key} must be positive`);
  }
  const creates = resolved.maxCreateAttempts;
  if (!(Number.isInteger(creates) && creates >= 1))
    throw new RangeError(`maxCreateAttempts must be an integer >= 1`);
  const delays = resolved.createRecheckDelaysMs;
  if (delays.length === 0 || !delays.every((ms) => ms >= 0))
    throw new RangeError('createRecheckDelaysMs must hold at least one delay, each >= 0');
  return resolved;
}
