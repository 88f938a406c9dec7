/**
 * The performance targets of the reconciler issue, measured side by side in one run:
 *
 * a. With the emulator at 30 ms per request and pacing lifted, the built CLI's `plan` of
 *    10 000 unchanged outplans (whole process) takes at most 1.15x the time of a bare
 *    script that only pages the same server (bare-pager.ts, also a whole process), and
 *    sends exactly 101 requests. The two alternate, RUNS times each; medians compared.
 * b. `apply` of 300 creates at 20 ms latency and --concurrency 8 takes at most
 *    1.2 x calls x latency / concurrency (= 1080 ms). "Takes" is the apply phase: from the
 *    CLI's "Applying N calls" line to its "Apply: N calls succeeded" line, timed on
 *    arrival of its stderr lines. The whole CLI process (start-up, config, listing, plan
 *    rendering, verification re-list), executePlan in-process, and bare undici POSTs at
 *    the same concurrency (what the emulator and loopback allow) are reported beside it.
 */
import { loadConfig } from '../../src/config/load.js';
import { applyInProcess, applyViaCli, barePostsInProcess, cliApplyProblems } from './apply-runs.js';
import { BENCH_KEY, writeBenchConfig } from './bench-data.js';
import { benchScript, BUILT_CLI, runNode, UNPACED_RATE } from './child-run.js';
import { countOf, startEmulatorProcess, totalRequests } from './emulator-process.js';
import { median, withRuns, type BenchScenario } from './scenario.js';

const PLAN_N = 10_000;
const PLAN_LATENCY_MS = 30;
const PLAN_RATIO = 1.15;
const RUNS = 5;

const APPLY_N = 300;
const APPLY_LATENCY_MS = 20;
const APPLY_CONCURRENCY = 8;
const APPLY_RATIO = 1.2;
const APPLY_RUNS = 3;

export const targetsScenario: BenchScenario = {
  name: 'targets',
  description:
    `(a) plan of ${PLAN_N} unchanged at ${PLAN_LATENCY_MS} ms/request <= ${PLAN_RATIO}x a bare pager; ` +
    `(b) apply of ${APPLY_N} creates at ${APPLY_LATENCY_MS} ms, concurrency ${APPLY_CONCURRENCY} <= ${APPLY_RATIO}x its bound`,
  async run() {
    const failures: string[] = [];
    const metrics: [string, string | number][] = [];
    await planTarget(metrics, failures);
    await applyTarget(metrics, failures);
    return { metrics, failures };
  },
};

async function planTarget(metrics: [string, string | number][], failures: string[]) {
  const config = await writeBenchConfig(PLAN_N);
  const emulator = await startEmulatorProcess({
    accessKey: BENCH_KEY,
    seedOutplans: PLAN_N,
    latencyMs: PLAN_LATENCY_MS,
  });
  const pages = Math.ceil(PLAN_N / 100) + 1;
  const env = { VOIPBIN_ACCESSKEY: BENCH_KEY, VOIPBIN_API_URL: emulator.baseUrl };
  const bare: number[] = [];
  const cli: number[] = [];
  const cliRss: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const baseline = await runNode(benchScript('bare-pager'), [], { env });
      const baselineServed = await emulator.takeCounts();
      bare.push(baseline.wallMs);
      if (baseline.exitCode !== 0 || !baseline.stdout.includes(`rows=${PLAN_N} requests=${pages}`))
        failures.push(
          `(a) bare pager run ${i + 1}: ${baseline.stdout.trim()} ${baseline.stderr.trim()}`,
        );
      if (totalRequests(baselineServed) !== pages)
        failures.push(
          `(a) bare pager run ${i + 1}: emulator served ${JSON.stringify(baselineServed)}`,
        );

      const plan = await runNode(BUILT_CLI, ['plan', config.dir, '--rate', UNPACED_RATE], { env });
      const planServed = await emulator.takeCounts();
      cli.push(plan.wallMs);
      if (plan.peakRssMiB !== null) cliRss.push(plan.peakRssMiB);
      if (plan.exitCode !== 0 || !/^No changes\./m.test(plan.stdout))
        failures.push(
          `(a) plan run ${i + 1}: exit ${plan.exitCode}, ${plan.stderr.trim().slice(-300)}`,
        );
      if (countOf(planServed, 'GET /outplans 200') !== pages || totalRequests(planServed) !== pages)
        failures.push(
          `(a) plan run ${i + 1}: emulator served ${JSON.stringify(planServed)}, expected exactly ${pages} GET /outplans`,
        );
    }
  } finally {
    await emulator.stop();
    await config.remove();
  }
  const ratio = median(cli) / median(bare);
  metrics.push(
    ['(a) bare pager, whole process, median (ms)', withRuns(bare)],
    ['(a) CLI plan, whole process, median (ms)', withRuns(cli)],
    ['(a) requests per run (both)', pages],
    ['(a) lower bound: pages x latency (ms)', pages * PLAN_LATENCY_MS],
    ['(a) CLI peak RSS, median (MiB)', cliRss.length > 0 ? median(cliRss) : 'n/a'],
    ['(a) ratio CLI / bare (target <= 1.15)', ratio.toFixed(3)],
  );
  if (!(ratio <= PLAN_RATIO))
    failures.push(`(a) plan took ${ratio.toFixed(3)}x the bare pager, target <= ${PLAN_RATIO}x`);
}

async function applyTarget(metrics: [string, string | number][], failures: string[]) {
  const config = await writeBenchConfig(APPLY_N);
  const bound = (APPLY_N * APPLY_LATENCY_MS) / APPLY_CONCURRENCY;
  const setting = {
    latencyMs: APPLY_LATENCY_MS,
    concurrency: APPLY_CONCURRENCY,
    rate: Infinity,
  };
  const phase: number[] = [];
  const whole: number[] = [];
  const inProcess: number[] = [];
  const bare: number[] = [];
  try {
    for (let i = 0; i < APPLY_RUNS; i++) {
      const applied = await applyViaCli(config.dir, setting);
      failures.push(...cliApplyProblems(`(b) CLI run ${i + 1}`, applied, APPLY_N));
      if (applied.applyPhaseMs !== null) phase.push(applied.applyPhaseMs);
      whole.push(applied.run.wallMs);
    }
    const loaded = await loadConfig([config.dir], { cwd: process.cwd() });
    for (let i = 0; i < APPLY_RUNS; i++) {
      const applied = await applyInProcess(loaded, setting);
      if (applied.failed > 0 || countOf(applied.served, 'POST /outplans 200') !== APPLY_N)
        failures.push(`(b) in-process run ${i + 1}: ${JSON.stringify(applied.served)}`);
      inProcess.push(applied.applyMs);
      const posted = await barePostsInProcess(loaded, setting);
      if (countOf(posted.served, 'POST /outplans 200') !== APPLY_N)
        failures.push(`(b) bare POSTs run ${i + 1}: ${JSON.stringify(posted.served)}`);
      bare.push(posted.ms);
    }
  } finally {
    await config.remove();
  }
  const phaseRatio = median(phase) / bound;
  metrics.push(
    ['(b) lower bound: calls x latency / concurrency (ms)', bound],
    ['(b) CLI apply phase, median (ms)', withRuns(phase)],
    ['(b) ratio apply phase / bound (target <= 1.2)', phaseRatio.toFixed(3)],
    ['(b) executePlan in-process, median (ms)', withRuns(inProcess)],
    ['(b) ratio in-process / bound', (median(inProcess) / bound).toFixed(3)],
    ['(b) bare undici POSTs, same concurrency, median (ms)', withRuns(bare)],
    ['(b) ratio bare POSTs / bound (the emulator floor)', (median(bare) / bound).toFixed(3)],
    ['(b) CLI whole process, median (ms)', withRuns(whole)],
    ['(b) ratio whole process / bound (not the target)', (median(whole) / bound).toFixed(3)],
  );
  if (!(phaseRatio <= APPLY_RATIO))
    failures.push(
      `(b) apply phase took ${phaseRatio.toFixed(3)}x its bound, target <= ${APPLY_RATIO}x`,
    );
}
