/**
 * `apply` of 1 000 creates through the emulator (child process) at 20 ms per request:
 * the apply phase alone (executePlan with the real client, in this process) at
 * concurrency 1, 4 and 16 with pacing lifted, each next to its lower bound
 * calls x latency / concurrency; one run at the default pacing (15 requests/s) against an
 * emulator enforcing VoIPBIN's ~17/s limit, next to its bound calls / rate; and the whole
 * built CLI (`apply --yes --concurrency 16 --rate unlimited`) for one of them.
 */
import { DEFAULT_RATE } from '../../src/api/client.js';
import { loadConfig } from '../../src/config/load.js';
import { applyInProcess, applyViaCli, cliApplyProblems, type ApplySetting } from './apply-runs.js';
import { writeBenchConfig } from './bench-data.js';
import { countOf } from './emulator-process.js';
import type { BenchScenario } from './scenario.js';

const N = 1_000;
const LATENCY_MS = 20;
const CONCURRENCIES = [1, 4, 16];
const PACED_CONCURRENCY = 4;
/** The client's default bucket: twice the rate, at most 30 (src/api/client.ts). */
const DEFAULT_BURST = Math.min(30, DEFAULT_RATE * 2);
/** VoIPBIN allows about 17 requests/s per customer; the emulator answers 429 above it. */
const SERVICE_LIMIT = 17;
const CLI_CONCURRENCY = 16;

export const apply1000Scenario: BenchScenario = {
  name: 'apply-1000',
  description: `apply of ${N} creates at ${LATENCY_MS} ms/request: concurrency ${CONCURRENCIES.join(', ')} (pacing lifted), default pacing, and the whole CLI`,
  async run() {
    const failures: string[] = [];
    const metrics: [string, string | number][] = [];
    const config = await writeBenchConfig(N);
    try {
      const loaded = await loadConfig([config.dir], { cwd: process.cwd() });
      const settings: { label: string; setting: ApplySetting; boundMs: number; bound: string }[] = [
        ...CONCURRENCIES.map((concurrency) => ({
          label: `concurrency ${concurrency}, pacing lifted`,
          setting: { latencyMs: LATENCY_MS, concurrency, rate: Infinity },
          boundMs: (N * LATENCY_MS) / concurrency,
          bound: 'calls x latency / concurrency',
        })),
        {
          label: `concurrency ${PACED_CONCURRENCY}, default pacing ${DEFAULT_RATE}/s (service limit ${SERVICE_LIMIT}/s)`,
          setting: {
            latencyMs: LATENCY_MS,
            concurrency: PACED_CONCURRENCY,
            rate: DEFAULT_RATE,
            rateLimit: SERVICE_LIMIT,
          },
          // The first DEFAULT_BURST calls go at once; the rest at the rate.
          boundMs: ((N - DEFAULT_BURST) / DEFAULT_RATE) * 1000,
          bound: `(calls - burst ${DEFAULT_BURST}) / rate; calls / rate = ${Math.round((N / DEFAULT_RATE) * 1000)}`,
        },
      ];
      for (const { label, setting, boundMs, bound } of settings) {
        const applied = await applyInProcess(loaded, setting);
        const posts = countOf(applied.served, 'POST /outplans 200');
        const throttled = countOf(applied.served, 'POST /outplans 429');
        if (applied.failed > 0 || applied.calls !== N || posts !== N)
          failures.push(
            `${label}: ${applied.failed} failed, emulator served ${JSON.stringify(applied.served)}`,
          );
        if (throttled > 0) failures.push(`${label}: ${throttled} creates were answered 429`);
        metrics.push([
          `apply phase, ${label} (ms)`,
          `${Math.round(applied.applyMs)} vs bound ${Math.round(boundMs)} (${bound}) = ${(applied.applyMs / boundMs).toFixed(2)}x; ${posts} POST 200, ${throttled} 429`,
        ]);
      }

      const cli = await applyViaCli(config.dir, {
        latencyMs: LATENCY_MS,
        concurrency: CLI_CONCURRENCY,
        rate: Infinity,
      });
      failures.push(...cliApplyProblems('CLI', cli, N));
      const boundMs = (N * LATENCY_MS) / CLI_CONCURRENCY;
      metrics.push(
        [
          `CLI apply --concurrency ${CLI_CONCURRENCY} --rate unlimited, whole process (ms)`,
          `${Math.round(cli.run.wallMs)} (apply phase ${Math.round(cli.applyPhaseMs ?? NaN)} vs bound ${boundMs})`,
        ],
        ['CLI requests (emulator)', JSON.stringify(cli.served)],
        ['CLI peak RSS (MiB)', cli.run.peakRssMiB ?? 'n/a'],
      );
    } finally {
      await config.remove();
    }
    return { metrics, failures };
  },
};
