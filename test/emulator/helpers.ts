/**
 * Plain-fetch helpers for the emulator contract suite. Deliberately independent of the
 * project's API client: these tests pin the emulator to the reference document.
 */
import { afterEach } from 'vitest';
import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../src/emulator/index.js';

export const KEY_A = 'vb_customer_a_key';
export const KEY_B = 'vb_customer_b_key';
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const MISSING_ID = '11111111-2222-4333-8444-555555555555';

const running: RunningEmulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

/** An emulator closed automatically after the test; two customers by default. */
export async function emulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emu = await startEmulator({ accessKeys: [KEY_A, KEY_B], ...options });
  running.push(emu);
  return emu;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export async function call(
  emu: RunningEmulator,
  method: string,
  path: string,
  options: {
    key?: string | null;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Reply> {
  const key = options.key === undefined ? KEY_A : options.key;
  const url = new URL(emu.baseUrl + path);
  if (key !== null) url.searchParams.set('accesskey', key);
  const payload =
    options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  // fetch refuses a GET with a body; the service ignores one anyway.
  const body = method === 'GET' || method === 'HEAD' ? undefined : payload;
  const res = await fetch(url, {
    method,
    body,
    headers: { 'content-type': 'application/json', ...options.headers },
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A complete create body. */
export function outplanBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'sales',
    detail: 'sales team',
    source: { type: 'tel', target: '+15559876543' },
    dial_timeout: 30000,
    try_interval: 600000,
    max_try_count_0: 5,
    max_try_count_1: 4,
    max_try_count_2: 3,
    max_try_count_3: 2,
    max_try_count_4: 1,
    ...overrides,
  };
}

export const OUTPLAN_KEYS = [
  'id',
  'customer_id',
  'name',
  'detail',
  'source',
  'dial_timeout',
  'try_interval',
  'max_try_count_0',
  'max_try_count_1',
  'max_try_count_2',
  'max_try_count_3',
  'max_try_count_4',
  'tm_create',
  'tm_update',
  'tm_delete',
];

/** Asserts the error envelope and that its request id matches the header. */
export function expectError(reply: Reply, http: number, status: string, reason: string): void {
  const problems: string[] = [];
  if (reply.status !== http) problems.push(`HTTP ${reply.status}, expected ${http}`);
  const error = reply.json?.error;
  if (!error) problems.push(`no error envelope in ${reply.text}`);
  else {
    if (error.status !== status) problems.push(`status ${error.status}, expected ${status}`);
    if (error.reason !== reason) problems.push(`reason ${error.reason}, expected ${reason}`);
    if (typeof error.message !== 'string' || error.message === '') problems.push('no message');
    if (!/^req_\w+$/.test(error.request_id)) problems.push(`bad request_id ${error.request_id}`);
    if (reply.headers.get('x-request-id') !== error.request_id)
      problems.push('X-Request-Id header differs from the body request_id');
  }
  if (problems.length) throw new Error(`${problems.join('; ')}\n${reply.text}`);
}

/** A fixed clock: every tick is one microsecond after the previous. */
export const FIXED_NOW = new Date('2026-01-15T09:30:00.123Z');
export const fixedClock = () => FIXED_NOW;
