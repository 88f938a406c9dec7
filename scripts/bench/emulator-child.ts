/**
 * The emulator in its own process, so serving 10 000 outplans does not share a CPU or an
 * event loop with the client being measured. Protocol on stdio:
 *   argv[2]      JSON options: { accessKey, seedOutplans, deletedEvery?, rateLimit?, latencyMs? }
 *   stdout       `READY {"baseUrl": ...}` once serving
 *   stdin line   `counts` -> `COUNTS {"requests": {...}}`, then the request log starts afresh
 *   stdin end    -> `DONE {"requests": {"METHOD status": count, ...}}` and exit
 * Counts are keyed "METHOD route status" (e.g. "GET /outplans 200", "POST /outplans 200",
 * "PUT /outplans/{id}/dial_info 200", "GET /campaigns 429").
 */
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { benchCallerIds, benchRow } from './bench-data.js';

interface ChildOptions {
  accessKey: string;
  seedOutplans: number;
  /** Every n-th seeded outplan is soft-deleted (0: none). */
  deletedEvery?: number;
  rateLimit?: number;
  latencyMs?: number;
}

function countRequests(emulator: RunningEmulator): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of emulator.requests) {
    const key = `${r.method} ${routeOf(r.path)} ${r.status}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** "/v1.0/outplans/<uuid>/dial_info" -> "/outplans/{id}/dial_info" */
function routeOf(path: string): string {
  return path
    .replace(/^\/v1\.0/, '')
    .split('/')
    .map((segment) => (/^[0-9a-f-]{36}$/i.test(segment) ? '{id}' : segment))
    .join('/');
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as ChildOptions;
  const emulator = await startEmulator({
    port: 0,
    accessKeys: [options.accessKey],
    rateLimit: options.rateLimit,
    latencyMs: options.latencyMs,
  });
  const every = options.deletedEvery ?? 0;
  const rows = Array.from({ length: options.seedOutplans }, (_, i) => ({
    ...benchRow(i),
    tm_delete: every > 0 && i % every === 0 ? new Date(Date.UTC(2026, 0, 1)) : null,
  }));
  emulator.store.seedOutplans(options.accessKey, rows);
  emulator.store.seedNumbers(
    options.accessKey,
    benchCallerIds().map((number) => ({ number })),
  );
  emulator.resetRequestLog();
  process.stdout.write(`READY ${JSON.stringify({ baseUrl: emulator.baseUrl })}\n`);
  let pending = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const command = pending.slice(0, nl).trim();
      pending = pending.slice(nl + 1);
      if (command === 'counts') {
        const requests = countRequests(emulator);
        emulator.resetRequestLog();
        process.stdout.write(`COUNTS ${JSON.stringify({ requests })}\n`);
      }
    }
  });
  process.stdin.on('end', () => {
    const requests = countRequests(emulator);
    void emulator.close().then(() => {
      process.stdout.write(`DONE ${JSON.stringify({ requests })}\n`);
    });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator child failed: ${String(error)}\n`);
  process.exitCode = 1;
});
