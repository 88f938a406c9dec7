/**
 * Targets at scale, from the same runs: `plan` of 10 000 unchanged outplans (built CLI,
 * whole process), emulator at 30 ms per request, pacing lifted,
 *  - at most 1.10x a bare script paging the same server with undici (bare-pager.ts, also
 *    a whole process), both making exactly 101 requests;
 *  - peak RSS of the CLI (GNU time's maxrss: the whole process, worker threads included)
 *    at most 150 MiB.
 * The two alternate; medians compared.
 */
import { BENCH_KEY, NUMBER_PAGES, writeBenchConfig } from './bench-data.js';
import { benchScript, BUILT_CLI, hasGnuTime, runNode, UNPACED_RATE } from './child-run.js';
import { servedExactlyListings, startEmulatorProcess, totalRequests } from './emulator-process.js';
import {
  alternate,
  median,
  round1,
  targetRow,
  withRuns,
  type BenchScenario,
  type TargetRow,
} from './scenario.js';

const N = 10_000;
const LATENCY_MS = 30;
const RUNS = 5;
const TARGET = 1.1;
const RSS_TARGET_MIB = 150;

export const planLargeTarget: BenchScenario = {
  name: 'plan-10k-30ms',
  description: `built CLI \`plan\` of ${N} unchanged outplans at ${LATENCY_MS} ms/request vs a bare undici pager, ${RUNS} runs each, alternating; peak RSS`,
  async run() {
    const failures: string[] = [];
    const config = await writeBenchConfig(N);
    const emulator = await startEmulatorProcess({
      accessKey: BENCH_KEY,
      seedOutplans: N,
      latencyMs: LATENCY_MS,
    });
    const pages = Math.ceil(N / 100) + 1;
    const env = { VOIPBIN_ACCESSKEY: BENCH_KEY, VOIPBIN_API_URL: emulator.baseUrl };
    const rss: number[] = [];
    try {
      const { a: bare, b: cli } = await alternate(
        RUNS,
        async (i) => {
          const run = await runNode(benchScript('bare-pager'), [], { env });
          const served = await emulator.takeCounts();
          if (run.exitCode !== 0 || !run.stdout.includes(`rows=${N} requests=${pages}`))
            failures.push(`bare pager run ${i + 1}: ${run.stdout.trim()} ${run.stderr.trim()}`);
          if (totalRequests(served) !== pages)
            failures.push(`bare pager run ${i + 1}: emulator served ${JSON.stringify(served)}`);
          return run.wallMs;
        },
        async (i) => {
          const run = await runNode(BUILT_CLI, ['plan', config.dir, '--rate', UNPACED_RATE], {
            env,
          });
          const served = await emulator.takeCounts();
          if (run.peakRssMiB !== null) rss.push(run.peakRssMiB);
          if (run.exitCode !== 0 || !/^No changes\./m.test(run.stdout))
            failures.push(
              `plan run ${i + 1}: exit ${run.exitCode}, ${run.stderr.trim().slice(-300)}`,
            );
          if (!servedExactlyListings(served, pages, NUMBER_PAGES))
            failures.push(
              `plan run ${i + 1}: emulator served ${JSON.stringify(served)}, expected exactly ${pages} GET /outplans and ${NUMBER_PAGES} GET /numbers`,
            );
          return run.wallMs;
        },
      );
      const ratio = median(cli) / median(bare);
      const targets: TargetRow[] = [
        targetRow(
          {
            measure: `plan of ${N} unchanged @${LATENCY_MS} ms / bare pager`,
            value: ratio,
            unit: 'x',
            target: TARGET,
            detail: `${Math.round(median(cli))} ms / ${Math.round(median(bare))} ms`,
          },
          failures,
        ),
      ];
      if (rss.length > 0)
        targets.push(
          targetRow(
            {
              measure: `peak RSS of plan of ${N}`,
              value: Math.max(...rss),
              unit: 'MiB',
              target: RSS_TARGET_MIB,
              detail: `max of ${rss.length} runs; median ${round1(median(rss))} MiB`,
            },
            failures,
          ),
        );
      return {
        metrics: [
          ['config', `${N} outplans, ${round1(config.bytes / 1024 / 1024)} MiB YAML`],
          [`bare undici pager, median of ${RUNS} (ms)`, withRuns(bare)],
          [`CLI plan, median of ${RUNS} (ms)`, withRuns(cli)],
          ['requests per run (both)', pages],
          ['lower bound: pages x latency (ms)', pages * LATENCY_MS],
          [`ratio plan / bare (target <= ${TARGET})`, ratio.toFixed(3)],
          [
            `CLI peak RSS (MiB, ${hasGnuTime ? '/usr/bin/time %M' : 'unavailable'}; target <= ${RSS_TARGET_MIB})`,
            rss.length > 0 ? `max ${Math.max(...rss)} (${rss.join(' ')})` : 'n/a',
          ],
        ],
        failures,
        targets,
      };
    } finally {
      await emulator.stop();
      await config.remove();
    }
  },
};
