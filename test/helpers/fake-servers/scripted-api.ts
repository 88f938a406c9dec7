/**
 * A purpose-built misbehaving VoIPBIN for end-to-end trust tests: a loopback HTTP server
 * whose every answer a test scripts. It records each request (method, path, query) so a
 * test can assert that a refused run made no write call, and it tears down every socket
 * it ever accepted on close, so a server that never answers cannot outlive its test.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SeenRequest {
  readonly method: string;
  /** Below /v1.0, without the query, e.g. `/outplans`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** The raw request target as received (credential included). */
  readonly rawUrl: string;
}

export type Script = (
  request: SeenRequest,
  req: IncomingMessage,
  res: ServerResponse,
) => void | Promise<void>;

export interface ScriptedApi {
  readonly baseUrl: string;
  readonly requests: SeenRequest[];
  /** POST, PUT and DELETE requests received. */
  writes(): SeenRequest[];
  close(): Promise<void>;
}

export async function startScriptedApi(script: Script): Promise<ScriptedApi> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const seen: SeenRequest = {
      method: req.method ?? 'GET',
      path: url.pathname.replace(/^\/v1\.0/, ''),
      query: url.searchParams,
      rawUrl: req.url ?? '',
    };
    requests.push(seen);
    // Drain the request body so the answer is never blocked on it.
    req.resume();
    Promise.resolve(script(seen, req, res)).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1.0`,
    requests,
    writes: () => requests.filter((r) => r.method !== 'GET'),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** The 6-digit cursor form VoIPBIN sends as next_page_token. */
export function tokenOf(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

const T0 = Date.UTC(2026, 0, 1);

/** A complete wire outplan, created `ageMs` before 2026-01-01. */
export function wireOutplanRow(
  index: number,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> & { tm_create: string; id: string } {
  return {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    customer_id: '5e4a0680-804e-11ec-8477-2fea5968d85b',
    name: `live ${index}`,
    detail: '',
    source: { type: 'tel', target: '+15559876543' },
    dial_timeout: 30000,
    try_interval: 600000,
    max_try_count_0: 3,
    max_try_count_1: 2,
    max_try_count_2: 0,
    max_try_count_3: 0,
    max_try_count_4: 0,
    tm_create: new Date(T0 - index * 1000).toISOString(),
    tm_update: null,
    tm_delete: null,
    ...overrides,
  };
}

/** A wire campaign using `outplanId`, created `index` seconds before 2026-01-01. */
export function wireCampaignRow(index: number, outplanId: string): Record<string, unknown> {
  return {
    id: `00000000-0000-4000-9000-${String(index).padStart(12, '0')}`,
    name: `campaign ${index}`,
    status: 'run',
    outplan_id: outplanId,
    tm_create: new Date(T0 - index * 1000).toISOString(),
    tm_delete: null,
  };
}

/** Milliseconds since `start`, rounded to 0.1 s, for the report table. */
export function secondsSince(start: number): number {
  return Math.round((performance.now() - start) / 100) / 10;
}
