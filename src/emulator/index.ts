/**
 * The VoIPBIN emulator as a library: `startEmulator()` serves the outplan and campaign
 * routes of voipbin-outplan-api.md and the number routes of voipbin-numbers-api.md on loopback, for tests (in-process, port 0) and for
 * `outplanctl emulator`. docs/emulator.md is its behavioural spec.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomInt } from 'node:crypto';
import { MicrosClock } from './clock.js';
import { CredentialRegistry, type IssueTokenOptions } from './credentials.js';
import { FaultInjector, parseFaultSpec } from './faults.js';
import { newAccessKey } from './ids.js';
import { NumberSpecError, parseNumberSpec, type NumberSpec } from './number-spec.js';
import { seededRandom } from './prng.js';
import { RateLimiter } from './rate-limit.js';
import { API_PREFIX } from './routes.js';
import {
  RequestLog,
  createRequestListener,
  type RequestLogEntry,
  type ServerState,
} from './server.js';
import { StatePersister, loadStateFile } from './state-file.js';
import { EmulatorStore } from './store.js';

export interface EmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
  /** Each key is a separate customer; none → one generated key (`vb_…`). */
  accessKeys?: string[];
  /** JWT-shaped tokens to accept: token i acts for the customer of accessKeys[i] (else the first key). */
  tokens?: string[];
  /** Persist state across restarts (atomic writes); a corrupt file is an error. */
  statePath?: string;
  /** Added to every response. */
  latencyMs?: number;
  /** Per-customer requests per second; over it → 429 RATE_LIMIT_EXCEEDED + Retry-After. Burst = 2 × rate. */
  rateLimit?: number;
  /** Fault spec, e.g. "POST /outplans=commit-then-fail:0.5,*=reset:0.05" (docs/emulator.md). */
  faults?: string;
  /**
   * Entries `requests` keeps (the newest); default 100 000, so a long-running emulator
   * does not grow without bound. 0 turns the log off.
   */
  maxRequestLog?: number;
  /** Makes fault injection reproducible. */
  seed?: number;
  /**
   * Read lag in ms: list pages (GET /outplans) do not yet show outplans created, nor
   * the changes to ones updated or deleted, less than this long ago. get-by-id never lags.
   * Default 0 (read-your-writes).
   */
  readLagMs?: number;
  /** Clock for timestamps and the read lag (tests); default real time. */
  now?: () => Date;
  /**
   * Numbers the account holds, as `--number` takes them: `E164[:STATUS][:virtual][@CUSTOMER]`
   * (CUSTOMER = 1-based position in `accessKeys`). Applied after `statePath` is loaded: a
   * number already live on that customer gets this status and type, a new one is added.
   */
  numbers?: readonly string[];
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:PORT/v1.0 */
  readonly baseUrl: string;
  readonly accessKeys: string[];
  readonly store: EmulatorStore;
  /** Every request answered (or reset, status 0), path without query string; the newest `maxRequestLog`. */
  readonly requests: ReadonlyArray<RequestLogEntry>;
  resetRequestLog(): void;
  /** A login-JWT-shaped token for an access key's customer (Authorization: Bearer). */
  issueToken(accessKey: string, options?: IssueTokenOptions): string;
  /** Replace the fault rules (undefined or "" for none); counters and PRNG restart from `seed`. */
  setFaults(spec: string | undefined, seed?: number): void;
  close(): Promise<void>;
}

export type { RequestLogEntry } from './server.js';
export type { IssueTokenOptions } from './credentials.js';
export type { SeedCampaign, SeedNumber, SeedOutplan, SeedTime } from './store.js';
export type { RenderedCampaign } from './records.js';
export type { WireNumber } from './number-records.js';
export { EmulatorStore } from './store.js';
export { FaultSpecError, parseFaultSpec } from './faults.js';
export { NumberSpecError, parseNumberSpec } from './number-spec.js';

export const DEFAULT_MAX_REQUEST_LOG = 100_000;

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const numbers = validateOptions(options);
  const clock = options.now ? MicrosClock.fromDates(options.now) : MicrosClock.realTime();
  const credentials = new CredentialRegistry();
  const keys = options.accessKeys?.length ? options.accessKeys : [newAccessKey()];
  const customerIds = keys.map((key) => credentials.addKey(key));
  for (const [i, token] of (options.tokens ?? []).entries())
    credentials.addToken(token, {
      customerId: customerIds[i] ?? customerIds[0]!,
      expiresAtMs: null,
      direct: false,
    });

  const store = new EmulatorStore(clock, credentials, { readLagMs: options.readLagMs });
  let persister: StatePersister | undefined;
  if (options.statePath !== undefined) {
    const loaded = await loadStateFile(options.statePath);
    if (loaded) store.restore(loaded);
    persister = new StatePersister(options.statePath, () => store.snapshot());
    const p = persister;
    store.onChange(() => p.schedule());
  }
  seedNumberSpecs(store, keys, numbers);

  const makeFaults = (spec: string | undefined, seed: number | undefined) =>
    spec ? new FaultInjector(parseFaultSpec(spec), seededRandom(seed ?? randomInt(2 ** 31))) : null;
  const state: ServerState = {
    store,
    clock,
    credentials,
    latencyMs: options.latencyMs ?? 0,
    limiter: options.rateLimit ? new RateLimiter(options.rateLimit) : null,
    faults: makeFaults(options.faults, options.seed),
    log: new RequestLog(options.maxRequestLog ?? DEFAULT_MAX_REQUEST_LOG),
  };
  const server = createServer({ keepAliveTimeout: 5_000 }, createRequestListener(state));
  await listen(server, options.host ?? '127.0.0.1', options.port ?? 0);
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closed: Promise<void> | undefined;
  return {
    baseUrl: `http://${host}:${address.port}${API_PREFIX}`,
    accessKeys: [...keys],
    store,
    get requests() {
      return state.log.entries;
    },
    resetRequestLog: () => {
      state.log.clear();
    },
    issueToken: (accessKey, tokenOptions) =>
      credentials.issueToken(accessKey, clock.nowMs(), tokenOptions),
    setFaults: (spec, seed) => {
      state.faults = makeFaults(spec, seed ?? options.seed);
    },
    close: () =>
      (closed ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        store.onChange(undefined);
        await persister?.flush();
      })()),
  };
}

/** `numbers` specs, after the state file: another customer's live number is an error. */
function seedNumberSpecs(store: EmulatorStore, keys: string[], specs: readonly NumberSpec[]) {
  for (const spec of specs) {
    try {
      store.ensureNumber(keys[spec.customer - 1]!, spec);
    } catch (error) {
      throw new NumberSpecError(`${spec.number}: ${(error as Error).message}`);
    }
  }
}

/** Throws for a bad option; returns the parsed `numbers`. */
function validateOptions(options: EmulatorOptions): NumberSpec[] {
  const bad = (what: string) => {
    throw new RangeError(`startEmulator: ${what}`);
  };
  if (
    options.port !== undefined &&
    !(Number.isInteger(options.port) && options.port >= 0 && options.port <= 65535)
  )
    bad('port must be an integer from 0 to 65535');
  if (options.latencyMs !== undefined && !(options.latencyMs >= 0)) bad('latencyMs must be >= 0');
  if (options.readLagMs !== undefined && !(options.readLagMs >= 0 && options.readLagMs < Infinity))
    bad('readLagMs must be >= 0');
  if (options.rateLimit !== undefined && !(options.rateLimit > 0)) bad('rateLimit must be > 0');
  if (
    options.maxRequestLog !== undefined &&
    !(Number.isInteger(options.maxRequestLog) && options.maxRequestLog >= 0)
  )
    bad('maxRequestLog must be an integer >= 0');
  if (options.accessKeys?.some((k) => k === '' || /\s/.test(k)))
    bad('access keys must be non-empty, without spaces');
  if (options.faults) parseFaultSpec(options.faults); // throws FaultSpecError with the rule
  return parseNumberSpecs(options.numbers ?? [], Math.max(1, options.accessKeys?.length ?? 0));
}

function parseNumberSpecs(texts: readonly string[], customers: number): NumberSpec[] {
  const specs = texts.map(parseNumberSpec); // throws NumberSpecError naming the spec
  const seen = new Set<string>();
  for (const spec of specs) {
    if (spec.customer > customers)
      throw new NumberSpecError(
        `${spec.number}@${spec.customer}: there are only ${customers} customer(s) (one per access key)`,
      );
    if (seen.has(spec.number)) throw new NumberSpecError(`${spec.number} is given twice`);
    seen.add(spec.number);
  }
  return specs;
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
