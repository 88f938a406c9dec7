/**
 * The emulator in its own process, so serving 10 000 outplans does not share a CPU or an
 * event loop with the client being measured. Protocol on stdio:
 *   argv[2]   JSON options: { accessKey, seedOutplans, deletedEvery?, rateLimit?, latencyMs? }
 *   stdout    `READY {"baseUrl": ...}` once serving
 *   stdin end -> `DONE {"requests": [{method, status}, ...counts]}` and exit
 */
import { startEmulator } from '../../src/emulator/index.js';

interface ChildOptions {
  accessKey: string;
  seedOutplans: number;
  /** Every n-th seeded outplan is soft-deleted (0: none). */
  deletedEvery?: number;
  rateLimit?: number;
  latencyMs?: number;
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
    name: `bench-${String(i).padStart(6, '0')}`,
    detail: `benchmark outplan ${i}`,
    source: { type: 'tel', target: `+1555${String(i).padStart(7, '0')}` },
    dial_timeout: 30_000,
    try_interval: 600_000,
    max_try_count_0: 3,
    max_try_count_1: 3,
    max_try_count_2: 3,
    max_try_count_3: 0,
    max_try_count_4: 0,
    tm_delete: every > 0 && i % every === 0 ? new Date(Date.UTC(2026, 0, 1)) : null,
  }));
  emulator.store.seedOutplans(options.accessKey, rows);
  emulator.resetRequestLog();
  process.stdout.write(`READY ${JSON.stringify({ baseUrl: emulator.baseUrl })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    const counts: Record<string, number> = {};
    for (const r of emulator.requests) {
      const key = `${r.method} ${r.status}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    void emulator.close().then(() => {
      process.stdout.write(`DONE ${JSON.stringify({ requests: counts })}\n`);
    });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator child failed: ${String(error)}\n`);
  process.exitCode = 1;
});
