/**
 * The time bounds the client promises, checked with a fake clock: a server that never
 * answers fails a listing (and so `plan`) within 60 s with the default settings, retries
 * included; Retry-After waits are announced or refused.
 */
import { describe, expect, it } from 'vitest';
import type { Dispatcher } from 'undici';
import type { ApiError } from '../../src/api/api-error.js';
import { VoipbinClient, type ClientOptions } from '../../src/api/client.js';
import type { ClientEvent } from '../../src/api/client-event.js';
import { BASE, KEY, caught, harness } from './helpers/mock-api.js';

/** A dispatcher for a server that accepts and never answers: only an abort ends a request. */
function silentDispatcher(started: number[], clock: () => number): Dispatcher {
  return {
    request(options: { signal?: AbortSignal }) {
      started.push(clock());
      return new Promise((_resolve, reject) => {
        options.signal?.addEventListener('abort', () => reject(options.signal?.reason));
      });
    },
    close: async () => undefined,
  } as unknown as Dispatcher;
}

function fakeClockClient(options: Partial<ClientOptions> = {}) {
  let clock = 0;
  const started: number[] = [];
  const events: ClientEvent[] = [];
  const client = new VoipbinClient({
    baseUrl: BASE,
    credential: { kind: 'accesskey', value: KEY },
    dispatcher: silentDispatcher(started, () => clock),
    random: () => 1, // the longest backoff: the worst case
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
    // The deadline timer fires after exactly `ms` of fake time.
    setTimer: (ms, fire) => {
      let cancelled = false;
      void Promise.resolve().then(() => {
        if (cancelled) return;
        clock += ms;
        fire();
      });
      return () => {
        cancelled = true;
      };
    },
    onEvent: (event) => events.push(event),
    ...options,
  });
  return { client, started, events, elapsed: () => clock };
}

describe('with default settings, a silent server', () => {
  it('fails a listing within 60 s, retries and backoff included', async () => {
    const { client, started, elapsed } = fakeClockClient();
    const error = (await caught(client.listOutplans())) as ApiError;
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toContain('the request timed out');
    expect(error.message).toContain('REQUEST_DEADLINE');
    // 20 s + backoff 0.25 s + 20 s + backoff 0.5 s + the 4.25 s left of the 45 s call.
    expect(started).toEqual([0, 20_250, 40_750]);
    expect(elapsed()).toBe(45_000);
    expect(elapsed()).toBeLessThan(60_000);
  });

  it('bounds each attempt by --timeout and the call by 2.25 times it', async () => {
    const { client, started, elapsed } = fakeClockClient({
      requestTimeoutMs: 2_000,
      callTimeoutMs: 4_500,
    });
    await caught(client.listOutplans());
    expect(started).toEqual([0, 2_250]);
    expect(elapsed()).toBeLessThanOrEqual(4_500);
  });
});

describe('Retry-After', () => {
  it('is waited out when short, with a wait event saying why', async () => {
    const h = harness();
    h.pool
      .intercept({ path: /outplans/, method: 'GET' })
      .reply(429, {}, { headers: { 'retry-after': '5' } });
    h.pool
      .intercept({ path: /outplans/, method: 'GET' })
      .reply(200, { result: [], next_page_token: '' });
    await h.client.listOutplans();
    const waits = h.events.filter((e) => e.type === 'wait');
    expect(waits).toEqual([
      {
        type: 'wait',
        ms: 5_000,
        reason: expect.stringContaining(
          'a retry of GET https://api.voipbin.test/v1.0/outplans?page_size=100&accesskey=REDACTED (it answered 429 with Retry-After 5 s)',
        ),
      },
    ]);
    expect(JSON.stringify(waits)).not.toContain(KEY);
  });

  it('beyond the cap fails at once, saying what the server asked for', async () => {
    const h = harness();
    h.pool
      .intercept({ path: /outplans/, method: 'GET' })
      .reply(429, {}, { headers: { 'retry-after': '600' } });
    const error = (await caught(h.client.listOutplans())) as ApiError;
    expect(error.message).toContain('asked to wait 600 s (Retry-After)');
    expect(error.message).toContain('longer than the 30 s outplanctl waits');
    expect(h.sleeps).toEqual([]);
    expect(h.client.requestCount).toBe(1);
  });

  it('that would pass the call deadline is not waited for', async () => {
    const h = harness({ callTimeoutMs: 10_000 });
    h.pool
      .intercept({ path: /outplans/, method: 'GET' })
      .reply(503, {}, { headers: { 'retry-after': '20' } });
    const error = (await caught(h.client.listOutplans())) as ApiError;
    expect(error.message).toContain('deadline leaves no time for another attempt');
    expect(h.client.requestCount).toBe(1);
  });
});
