/**
 * Target: the whole `apply` of 300 creates (built CLI, one process from spawn to exit),
 * emulator at 20 ms per request, --concurrency 8, pacing lifted, at most 1.2x its bound:
 * calls x latency / concurrency (750 ms) plus the two listings it must make (the account
 * before, the closing check after), each page x latency as the emulator counted them.
 * Everything else — Node's start-up, loading the config, planning, rendering the plan,
 * the verification's comparison — has to fit in the remaining 20 %. Fresh, empty
 * emulator per run. Beside it: the phases as the CLI's stderr lines show them, and bare
 * undici POSTs at the same concurrency (what the emulator and loopback allow).
 */
import { loadConfig } from '../../src/config/load.js';
import { applyViaCli, barePostsInProcess, cliApplyProblems } from './apply-runs.js';
import { NUMBER_PAGES, writeBenchConfig } from './bench-data.js';
import { countOf } from './emulator-process.js';
import { median, targetRow, withRuns, type BenchScenario } from './scenario.js';

const N = 300;
const LATENCY_MS = 20;
const CONCURRENCY = 8;
const RUNS = 5;
const FLOOR_RUNS = 3;
const TARGET = 1.2;
/** Listing an empty account: 1 page; after 300 creates: 3 full pages and the empty one. */
const EXPECTED_LIST_PAGES = 1 + (Math.ceil(N / 100) + 1);

export const applyTarget: BenchScenario = {
  name: 'apply-300',
  description: `whole built CLI \`apply\` of ${N} creates at ${LATENCY_MS} ms/request, --concurrency ${CONCURRENCY}, vs calls x latency / concurrency + two listings`,
  async run() {
    const failures: string[] = [];
    const config = await writeBenchConfig(N);
    const setting = { latencyMs: LATENCY_MS, concurrency: CONCURRENCY, rate: Infinity };
    const callsBound = (N * LATENCY_MS) / CONCURRENCY;
    const whole: number[] = [];
    const phase: number[] = [];
    const before: number[] = [];
    const after: number[] = [];
    const bounds: number[] = [];
    const floor: number[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        const applied = await applyViaCli(config.dir, setting);
        failures.push(...cliApplyProblems(`run ${i + 1}`, applied, N));
        const pages = countOf(applied.served, 'GET /outplans 200');
        // The numbers listing (caller-ID check) runs beside the first outplan listing, so
        // it is not in the bound: only the outplan pages are sequential work.
        if (
          pages !== EXPECTED_LIST_PAGES ||
          countOf(applied.served, 'GET /numbers 200') !== NUMBER_PAGES ||
          countOf(applied.served, 'GET') !== pages + NUMBER_PAGES
        )
          failures.push(
            `run ${i + 1}: emulator served ${JSON.stringify(applied.served)}, expected ${EXPECTED_LIST_PAGES} GET /outplans and ${NUMBER_PAGES} GET /numbers`,
          );
        bounds.push(callsBound + pages * LATENCY_MS);
        whole.push(applied.run.wallMs);
        const lines = applied.run.stderrLines;
        const applying = lines.find((l) => /^Applying \d+ calls?/.test(l.line));
        const done = lines.find((l) => /^Apply: \d+ calls? succeeded/.test(l.line));
        if (applying) before.push(applying.atMs);
        if (done) after.push(applied.run.wallMs - done.atMs);
        if (applied.applyPhaseMs !== null) phase.push(applied.applyPhaseMs);
      }
      const loaded = await loadConfig([config.dir], { cwd: process.cwd() });
      for (let i = 0; i < FLOOR_RUNS; i++) {
        const posted = await barePostsInProcess(loaded, setting);
        if (countOf(posted.served, 'POST /outplans 200') !== N)
          failures.push(`bare POSTs run ${i + 1}: ${JSON.stringify(posted.served)}`);
        floor.push(posted.ms);
      }
    } finally {
      await config.remove();
    }
    const bound = median(bounds);
    const ratio = median(whole) / bound;
    return {
      metrics: [
        ['bound: calls x latency / concurrency + list pages x latency (ms)', bound],
        [`CLI apply, whole process, median of ${RUNS} (ms)`, withRuns(whole)],
        [`ratio whole apply / bound (target <= ${TARGET})`, ratio.toFixed(3)],
        ['  spawn -> "Applying N calls" (start-up, config, listing, plan) (ms)', withRuns(before)],
        ['  apply phase: "Applying" -> "Apply: N calls succeeded" (ms)', withRuns(phase)],
        ['  "Apply: ... succeeded" -> exit (closing check, exit) (ms)', withRuns(after)],
        [`bare undici POSTs, same concurrency, median of ${FLOOR_RUNS} (ms)`, withRuns(floor)],
        [
          'ratio bare POSTs / calls bound (the emulator floor)',
          (median(floor) / callsBound).toFixed(3),
        ],
      ],
      failures,
      targets: [
        targetRow(
          {
            measure: `apply of ${N} creates @${LATENCY_MS} ms c${CONCURRENCY} / bound`,
            value: ratio,
            unit: 'x',
            target: TARGET,
            detail: `${Math.round(median(whole))} ms / ${bound} ms`,
          },
          failures,
        ),
      ],
    };
  },
};
