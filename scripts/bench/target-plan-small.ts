/**
 * Target: `plan` of 5 unchanged outplans, whole process, emulator at 30 ms per request,
 * at most 1.3x a bare Node script making the same list requests with `node:http`
 * (bare-http-lister.ts): the fixed cost around the network a user feels on every pull
 * request. The two alternate; medians compared; both must make exactly 2 requests.
 */
import { BENCH_KEY, NUMBER_PAGES, writeBenchConfig } from './bench-data.js';
import { benchScript, BUILT_CLI, runNode, UNPACED_RATE } from './child-run.js';
import { servedExactlyListings, startEmulatorProcess, totalRequests } from './emulator-process.js';
import { alternate, median, targetRow, withRuns, type BenchScenario } from './scenario.js';

const N = 5;
const LATENCY_MS = 30;
const RUNS = 9;
const TARGET = 1.3;

export const planSmallTarget: BenchScenario = {
  name: 'plan-5',
  description: `built CLI \`plan\` of ${N} unchanged outplans at ${LATENCY_MS} ms/request vs a bare node:http lister, ${RUNS} runs each, alternating`,
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
    try {
      const { a: bare, b: cli } = await alternate(
        RUNS,
        async (i) => {
          const run = await runNode(benchScript('bare-http-lister'), [], { env });
          const served = await emulator.takeCounts();
          if (run.exitCode !== 0 || !run.stdout.includes(`rows=${N} requests=${pages}`))
            failures.push(`bare lister run ${i + 1}: ${run.stdout.trim()} ${run.stderr.trim()}`);
          if (totalRequests(served) !== pages)
            failures.push(`bare lister run ${i + 1}: emulator served ${JSON.stringify(served)}`);
          return run.wallMs;
        },
        async (i) => {
          const run = await runNode(BUILT_CLI, ['plan', config.dir, '--rate', UNPACED_RATE], {
            env,
          });
          const served = await emulator.takeCounts();
          if (run.exitCode !== 0 || !/^No changes\./m.test(run.stdout))
            failures.push(`plan run ${i + 1}: exit ${run.exitCode}, ${run.stderr.trim()}`);
          if (!servedExactlyListings(served, pages, NUMBER_PAGES))
            failures.push(
              `plan run ${i + 1}: emulator served ${JSON.stringify(served)}, expected exactly ${pages} GET /outplans and ${NUMBER_PAGES} GET /numbers`,
            );
          return run.wallMs;
        },
      );
      const ratio = median(cli) / median(bare);
      return {
        metrics: [
          [`bare node:http lister, median of ${RUNS} (ms)`, withRuns(bare)],
          [`CLI plan, median of ${RUNS} (ms)`, withRuns(cli)],
          ['requests per run (both)', pages],
          ['lower bound: pages x latency (ms)', pages * LATENCY_MS],
          [`ratio plan / bare (target <= ${TARGET})`, ratio.toFixed(3)],
        ],
        failures,
        targets: [
          targetRow(
            {
              measure: `plan of ${N} unchanged @${LATENCY_MS} ms / bare node:http`,
              value: ratio,
              unit: 'x',
              target: TARGET,
              detail: `${Math.round(median(cli))} ms / ${Math.round(median(bare))} ms`,
            },
            failures,
          ),
        ],
      };
    } finally {
      await emulator.stop();
      await config.remove();
    }
  },
};
