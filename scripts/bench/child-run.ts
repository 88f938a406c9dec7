/**
 * Runs a Node program (the built CLI, or a baseline script) as a child process and
 * measures it from outside: wall time from spawn to exit, and peak RSS from GNU time
 * (`/usr/bin/time -f %M`, the kernel's maxrss of the child) when it is installed.
 * stderr lines are timestamped on arrival, so a phase inside the child (e.g. apply's
 * "Applying N calls" .. "Apply: N calls succeeded") can be timed without changing it.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const GNU_TIME = '/usr/bin/time';

export interface ChildRun {
  readonly exitCode: number | null;
  readonly wallMs: number;
  /** null when /usr/bin/time is not available. */
  readonly peakRssMiB: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Each stderr line with the milliseconds since spawn when it arrived. */
  readonly stderrLines: ReadonlyArray<{ readonly atMs: number; readonly line: string }>;
}

export const hasGnuTime = existsSync(GNU_TIME);

/** The repository root: the nearest ancestor whose package.json is outplanctl's. */
export const REPO_ROOT = ((): string => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === 'outplanctl') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the outplanctl repository root');
    dir = parent;
  }
})();

/**
 * The bench runs src/ compiled into node_modules/.cache/outplanctl-bench; src/config
 * reads ../../schemas/ relative to itself, so the compiled tree needs the schemas beside
 * it. A symlink keeps it the repository's one copy.
 */
export function linkSchemasBesideCompiledSources(): void {
  const compiledRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  if (compiledRoot === REPO_ROOT) return;
  const link = path.join(compiledRoot, 'schemas');
  if (!existsSync(link)) symlinkSync(path.join(REPO_ROOT, 'schemas'), link, 'dir');
}

/** The `--rate` value that lifts the CLI's client-side pacing. */
export const UNPACED_RATE = 'unlimited';

/**
 * The CLI under test: this checkout's build, or another build named by
 * OUTPLANCTL_BENCH_CLI (e.g. a copy of an older commit's dist/, to measure before and
 * after side by side under the same machine load).
 */
export const BUILT_CLI = process.env.OUTPLANCTL_BENCH_CLI
  ? path.resolve(process.env.OUTPLANCTL_BENCH_CLI)
  : path.join(REPO_ROOT, 'dist', 'cli', 'main.js');

/** A compiled script of this directory (the bench compiles scripts/bench next to itself). */
export function benchScript(name: string): string {
  return fileURLToPath(new URL(`./${name}.js`, import.meta.url));
}

export async function runNode(
  script: string,
  args: readonly string[],
  options: { env?: Record<string, string>; cwd?: string; nodeArgs?: readonly string[] } = {},
): Promise<ChildRun> {
  const scratch = hasGnuTime ? await mkdtemp(path.join(tmpdir(), 'outplanctl-time-')) : null;
  const timeFile = scratch === null ? null : path.join(scratch, 'maxrss');
  const nodeArgv = [process.execPath, ...(options.nodeArgs ?? []), script, ...args];
  const [command, ...argv] =
    timeFile === null ? nodeArgv : [GNU_TIME, '-f', '%M', '-o', timeFile, ...nodeArgv];
  const started = performance.now();
  const child = spawn(command!, argv, {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let partial = '';
  const stderrLines: { atMs: number; line: string }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    const atMs = performance.now() - started;
    stderr += chunk;
    partial += chunk;
    let nl: number;
    while ((nl = partial.indexOf('\n')) >= 0) {
      stderrLines.push({ atMs, line: partial.slice(0, nl) });
      partial = partial.slice(nl + 1);
    }
  });
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  const wallMs = performance.now() - started;
  let peakRssMiB: number | null = null;
  if (timeFile !== null && scratch !== null) {
    const kib = Number.parseInt((await readFile(timeFile, 'utf8')).trim().split('\n').pop()!, 10);
    peakRssMiB = Number.isFinite(kib) ? Math.round((kib / 1024) * 10) / 10 : null;
    await rm(scratch, { recursive: true, force: true });
  }
  return { exitCode, wallMs, peakRssMiB, stdout, stderr, stderrLines };
}

/** Milliseconds between the first stderr line matching `from` and the first after it matching `to`. */
export function stderrSpanMs(run: ChildRun, from: RegExp, to: RegExp): number | null {
  const start = run.stderrLines.find((l) => from.test(l.line));
  if (!start) return null;
  const end = run.stderrLines.find((l) => l.atMs >= start.atMs && to.test(l.line));
  return end ? end.atMs - start.atMs : null;
}
