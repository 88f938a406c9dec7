/**
 * Shared by the apply scenarios: N creates against a fresh, empty emulator (child
 * process) with added latency, either through executePlan and the real client in this
 * process (the apply phase alone), or through the built CLI (the whole command).
 */
import { VoipbinClient } from '../../src/api/client.js';
import { executePlan } from '../../src/apply/index.js';
import type { LoadedConfig } from '../../src/config/load.js';
import { buildPlan } from '../../src/plan/index.js';
import { BENCH_KEY } from './bench-data.js';
import { BUILT_CLI, runNode, stderrSpanMs, UNPACED_RATE, type ChildRun } from './child-run.js';
import { countOf, startEmulatorProcess, type RequestCounts } from './emulator-process.js';

export interface ApplySetting {
  readonly latencyMs: number;
  readonly concurrency: number;
  /** Client pacing in requests/s; Infinity lifts it. */
  readonly rate: number;
  /** Emulator's per-customer limit (429 above it); undefined: none. */
  readonly rateLimit?: number;
}

export interface InProcessApply {
  readonly applyMs: number;
  readonly calls: number;
  readonly failed: number;
  readonly served: RequestCounts;
}

/** executePlan of every create in `loaded` against an empty account; only the calls are timed. */
export async function applyInProcess(
  loaded: LoadedConfig,
  setting: ApplySetting,
): Promise<InProcessApply> {
  const { plan } = buildPlan({ desired: loaded.state, live: [], campaigns: [], prune: false });
  const emulator = await startEmulatorProcess({
    accessKey: BENCH_KEY,
    seedOutplans: 0,
    latencyMs: setting.latencyMs,
    rateLimit: setting.rateLimit,
  });
  const client = new VoipbinClient({
    baseUrl: emulator.baseUrl,
    credential: { kind: 'accesskey', value: BENCH_KEY },
    rate: setting.rate,
  });
  let timed: { applyMs: number; calls: number; failed: number };
  let served: RequestCounts;
  try {
    // The client loads undici on its first request: load it first, so the time is the calls'.
    await import('undici');
    const started = performance.now();
    const result = await executePlan(plan.changes, {
      client,
      concurrency: setting.concurrency,
      knownIds: new Set(),
      now: () => new Date(),
    });
    timed = {
      applyMs: performance.now() - started,
      calls: result.records.length,
      failed: result.failed,
    };
  } finally {
    await client.close();
    served = await emulator.stop();
  }
  return { ...timed, served };
}

/**
 * The floor for the same work: the creates' bodies POSTed with undici, `concurrency` at a
 * time, nothing else (no client, no pacing, no records). What the emulator and loopback
 * allow, so the apply engine's own overhead is the difference to applyInProcess.
 */
export async function barePostsInProcess(
  loaded: LoadedConfig,
  setting: ApplySetting,
): Promise<{ ms: number; served: RequestCounts }> {
  const { Agent, request } = await import('undici');
  const { toWireCreate } = await import('../../src/api/wire-mapping.js');
  const bodies = loaded.state.outplans.map((o) => JSON.stringify(toWireCreate(o.fields)));
  const emulator = await startEmulatorProcess({
    accessKey: BENCH_KEY,
    seedOutplans: 0,
    latencyMs: setting.latencyMs,
  });
  const agent = new Agent();
  const url = `${emulator.baseUrl}/outplans?accesskey=${BENCH_KEY}`;
  let next = 0;
  let ms: number;
  let served: RequestCounts;
  try {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: setting.concurrency }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++];
          const response = await request(url, {
            method: 'POST',
            dispatcher: agent,
            headers: { 'content-type': 'application/json' },
            body,
          });
          await response.body.json();
        }
      }),
    );
    ms = performance.now() - started;
  } finally {
    await agent.close();
    served = await emulator.stop();
  }
  return { ms, served };
}

export interface CliApply {
  readonly run: ChildRun;
  /** From the CLI's "Applying N calls" line to its "Apply: N calls succeeded" line. */
  readonly applyPhaseMs: number | null;
  readonly served: RequestCounts;
}

/** `outplanctl apply DIR --yes --concurrency C` (built CLI) against a fresh, empty account. */
export async function applyViaCli(configDir: string, setting: ApplySetting): Promise<CliApply> {
  const emulator = await startEmulatorProcess({
    accessKey: BENCH_KEY,
    seedOutplans: 0,
    latencyMs: setting.latencyMs,
    rateLimit: setting.rateLimit,
  });
  let run: ChildRun;
  let served: RequestCounts;
  try {
    const args = ['apply', configDir, '--yes', '--concurrency', String(setting.concurrency)];
    args.push('--api-url', emulator.baseUrl);
    if (setting.rate === Infinity) args.push('--rate', UNPACED_RATE);
    else args.push('--rate', String(setting.rate));
    run = await runNode(BUILT_CLI, args, { env: { VOIPBIN_ACCESSKEY: BENCH_KEY } });
  } finally {
    served = await emulator.stop();
  }
  return {
    run,
    applyPhaseMs: stderrSpanMs(run, /^Applying \d+ calls?/, /^Apply: \d+ calls? succeeded/),
    served,
  };
}

/** Problems with a CLI apply of `creates` creates to an empty account, as failure messages. */
export function cliApplyProblems(label: string, applied: CliApply, creates: number): string[] {
  const problems: string[] = [];
  const { run, served } = applied;
  if (run.exitCode !== 0)
    problems.push(`${label}: apply exited ${run.exitCode}: ${run.stderr.trim().slice(-400)}`);
  if (!run.stderr.includes(`Apply: ${creates} calls succeeded, 0 failed.`))
    problems.push(`${label}: not every call succeeded`);
  if (!run.stderr.includes('Verified: the live account now matches.'))
    problems.push(`${label}: apply did not verify convergence`);
  if (countOf(served, 'POST /outplans 200') !== creates || countOf(served, 'POST') !== creates)
    problems.push(`${label}: emulator served ${JSON.stringify(served)}, expected ${creates} POSTs`);
  if (applied.applyPhaseMs === null) problems.push(`${label}: apply phase not found on stderr`);
  return problems;
}
