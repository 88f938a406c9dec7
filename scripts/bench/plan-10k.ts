/**
 * `plan` of 10 000 unchanged outplans: the built CLI as a child process against the
 * emulator (another child process), pacing lifted, config generated with the same values
 * (so the plan is empty). Measured from outside the CLI: wall time, the emulator's request
 * count (exactly ceil(N/100) + 1 outplan pages; no campaign listing for a plan with no
 * update, delete or unmanaged outplan), peak RSS (GNU time's maxrss). Then, in this
 * process, the planner alone (`buildPlan` on the same config and listing) for its CPU time.
 */
import { VoipbinClient } from '../../src/api/client.js';
import { loadConfig } from '../../src/config/load.js';
import { buildPlan } from '../../src/plan/index.js';
import { BENCH_KEY, NUMBER_PAGES, writeBenchConfig } from './bench-data.js';
import { BUILT_CLI, hasGnuTime, runNode, UNPACED_RATE } from './child-run.js';
import { servedExactlyListings, startEmulatorProcess, totalRequests } from './emulator-process.js';
import { median, round1, withRuns, type BenchScenario } from './scenario.js';

const N = 10_000;
const CLI_RUNS = 3;
const PLANNER_RUNS = 5;

export const plan10kScenario: BenchScenario = {
  name: 'plan-10k',
  description: `built CLI \`plan\` of ${N} unchanged outplans (emulator in a child process, no latency, pacing lifted); planner alone in-process`,
  async run() {
    const failures: string[] = [];
    const config = await writeBenchConfig(N);
    const emulator = await startEmulatorProcess({ accessKey: BENCH_KEY, seedOutplans: N });
    const expectedPages = Math.ceil(N / 100) + 1;
    try {
      const walls: number[] = [];
      const rss: number[] = [];
      const requests: number[] = [];
      for (let i = 0; i < CLI_RUNS; i++) {
        const run = await runNode(
          BUILT_CLI,
          ['plan', config.dir, '--api-url', emulator.baseUrl, '--rate', UNPACED_RATE],
          { env: { VOIPBIN_ACCESSKEY: BENCH_KEY } },
        );
        const served = await emulator.takeCounts();
        walls.push(run.wallMs);
        requests.push(totalRequests(served));
        if (run.peakRssMiB !== null) rss.push(run.peakRssMiB);
        if (run.exitCode !== 0) failures.push(`plan exited ${run.exitCode}: ${run.stderr.trim()}`);
        if (!/^No changes\./m.test(run.stdout))
          failures.push(`plan was not empty: ${run.stdout.trim().slice(-300)}`);
        if (!servedExactlyListings(served, expectedPages, NUMBER_PAGES))
          failures.push(
            `run ${i + 1}: emulator served ${JSON.stringify(served)}, expected exactly ${expectedPages} GET /outplans and ${NUMBER_PAGES} GET /numbers`,
          );
      }

      // The planner alone, on exactly what the CLI planned with.
      const loadStarted = performance.now();
      const loaded = await loadConfig([config.dir], { cwd: process.cwd() });
      const loadMs = performance.now() - loadStarted;
      const client = new VoipbinClient({
        baseUrl: emulator.baseUrl,
        credential: { kind: 'accesskey', value: BENCH_KEY },
        rate: Infinity,
      });
      const live = await client.listOutplans();
      await client.close();
      await emulator.takeCounts();
      const cpu: number[] = [];
      const wall: number[] = [];
      let unchanged = 0;
      for (let i = 0; i < PLANNER_RUNS; i++) {
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        const result = buildPlan({ desired: loaded.state, live, campaigns: [], prune: false });
        wall.push(performance.now() - started);
        const used = process.cpuUsage(cpuBefore);
        cpu.push((used.user + used.system) / 1000);
        unchanged = result.plan.unchanged;
      }
      if (unchanged !== N) failures.push(`in-process plan: ${unchanged} unchanged, expected ${N}`);

      return {
        metrics: [
          ['config', `${N} outplans, ${round1(config.bytes / 1024 / 1024)} MiB YAML`],
          [`CLI wall time, median of ${CLI_RUNS} (ms)`, withRuns(walls)],
          [
            'requests per run (emulator)',
            `${requests.join(' ')} (exactly ${expectedPages} + ${NUMBER_PAGES} expected)`,
          ],
          [
            `CLI peak RSS (MiB, ${hasGnuTime ? '/usr/bin/time %M' : 'unavailable'})`,
            rss.length > 0 ? `${median(rss)} (max ${Math.max(...rss)})` : 'n/a',
          ],
          [`planner CPU alone, median of ${PLANNER_RUNS} (ms)`, round1(median(cpu))],
          [`planner wall alone, median of ${PLANNER_RUNS} (ms)`, round1(median(wall))],
          ['config load in-process, main thread (ms, for reference)', Math.round(loadMs)],
        ],
        failures,
      };
    } finally {
      await emulator.stop();
      await config.remove();
    }
  },
};
