/**
 * A strict fake of the VoIPBIN HTTP layer for the client's own tests: undici MockAgent
 * with net connect disabled, so an unmatched request fails the test.
 */
import { inspect } from 'node:util';
import { MockAgent, type Dispatcher } from 'undici';
import { VoipbinClient, type ClientOptions } from '../../../src/api/client.js';
import type { ClientEvent } from '../../../src/api/client-event.js';
import type { WireOutplan } from '../../../src/model/wire.js';

export const KEY = 'vb_T0pS3cretKeyDoNotLeak';
export const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2VuLXBheWxvYWQ.SiGnAtUrEdOnOtLeAk';
export const ORIGIN = 'https://api.voipbin.test';
export const BASE = `${ORIGIN}/v1.0`;

export interface Harness {
  agent: MockAgent;
  pool: ReturnType<MockAgent['get']>;
  client: VoipbinClient;
  events: ClientEvent[];
  sleeps: number[];
}

export function harness(options: Partial<ClientOptions> = {}): Harness {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const events: ClientEvent[] = [];
  const sleeps: number[] = [];
  // A fake clock: sleeping advances it, so pacing and backoff never wait for real.
  let clock = 0;
  const client = new VoipbinClient({
    baseUrl: BASE,
    credential: { kind: 'accesskey', value: KEY },
    dispatcher: agent as Dispatcher,
    rate: Infinity,
    random: () => 0.5,
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    onEvent: (event) => events.push(event),
    ...options,
  });
  return { agent, pool: agent.get(ORIGIN), client, events, sleeps };
}

/** Query parameters of an intercepted path. */
export function queryOf(path: string): URLSearchParams {
  return new URL(path, ORIGIN).searchParams;
}

let counter = 0;

export function wireOutplan(overrides: Partial<WireOutplan> = {}): WireOutplan {
  counter++;
  const n = String(counter).padStart(12, '0');
  return {
    id: `d5fb7357-7ddb-4f2d-87b5-${n}`,
    customer_id: '5e4a0680-804e-11ec-8477-2fea5968d85b',
    name: `outplan ${counter}`,
    detail: '',
    source: { type: 'tel', target: '+15559876543' },
    dial_timeout: 30000,
    try_interval: 600000,
    max_try_count_0: 5,
    max_try_count_1: 5,
    max_try_count_2: 5,
    max_try_count_3: 5,
    max_try_count_4: 5,
    tm_create: '2026-04-28T01:50:23.414Z',
    tm_update: null,
    tm_delete: null,
    ...overrides,
  };
}

export function errorBody(status: string, reason: string, message: string, requestId: string) {
  return { error: { status, reason, message, request_id: requestId } };
}

/** Everything an error can show anywhere: message, hint, stack, properties, cause chain. */
export function everythingIn(value: unknown): string {
  const parts: string[] = [];
  let current: unknown = value;
  for (let depth = 0; depth < 10 && current !== undefined; depth++) {
    parts.push(inspect(current, { depth: Infinity, showHidden: true }));
    if (current instanceof Error) {
      parts.push(String(current.stack), current.message, JSON.stringify(current));
      current = current.cause;
    } else break;
  }
  return parts.join('\n');
}

export async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}
