/** Starts scripts/bench/emulator-child in a separate Node process and talks to it. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface EmulatorProcessOptions {
  accessKey: string;
  seedOutplans: number;
  deletedEvery?: number;
  rateLimit?: number;
  latencyMs?: number;
}

/** Requests the emulator answered, by "METHOD route status" (e.g. "GET /outplans 200"). */
export type RequestCounts = Record<string, number>;

export interface EmulatorProcess {
  readonly baseUrl: string;
  /** Requests answered since the start or the previous call; the count starts afresh. */
  takeCounts(): Promise<RequestCounts>;
  /** Stops the child; resolves with its request counts since the last takeCounts(). */
  stop(): Promise<RequestCounts>;
}

const CHILD = fileURLToPath(new URL('./emulator-child.js', import.meta.url));

export function startEmulatorProcess(options: EmulatorProcessOptions): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [CHILD, JSON.stringify(options)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let buffer = '';
  const lines: ((line: string) => void)[] = [];
  let exited: number | null | undefined;
  const waiting = new Set<(error: Error) => void>();
  child.once('exit', (code) => {
    exited = code;
    for (const reject of waiting) reject(new Error(`emulator child exited with ${code}`));
  });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      lines.shift()?.(line);
    }
  });
  const nextLine = (prefix: string) =>
    new Promise<unknown>((resolve, reject) => {
      if (exited !== undefined) {
        reject(new Error(`emulator child exited with ${exited}`));
        return;
      }
      waiting.add(reject);
      lines.push((line) => {
        waiting.delete(reject);
        if (line.startsWith(`${prefix} `)) resolve(JSON.parse(line.slice(prefix.length + 1)));
        else reject(new Error(`emulator child said: ${line}`));
      });
    });
  return nextLine('READY').then((ready) => ({
    baseUrl: (ready as { baseUrl: string }).baseUrl,
    takeCounts: async () => {
      const counts = nextLine('COUNTS');
      child.stdin.write('counts\n');
      return ((await counts) as { requests: RequestCounts }).requests;
    },
    stop: async () => {
      const done = nextLine('DONE');
      child.stdin.end();
      return ((await done) as { requests: RequestCounts }).requests;
    },
  }));
}

/** Sum of the counts whose key starts with prefix, e.g. countOf(c, 'GET /outplans '). */
export function countOf(counts: RequestCounts, prefix: string): number {
  let sum = 0;
  for (const [key, n] of Object.entries(counts)) if (key.startsWith(prefix)) sum += n;
  return sum;
}

export function totalRequests(counts: RequestCounts): number {
  return countOf(counts, '');
}

/**
 * What a plan (or a fresh apply's plan) should cost: exactly `outplanPages` outplan pages
 * and `numberPages` number pages (the caller-ID check's listing), nothing else.
 */
export function servedExactlyListings(
  counts: RequestCounts,
  outplanPages: number,
  numberPages: number,
): boolean {
  return (
    countOf(counts, 'GET /outplans 200') === outplanPages &&
    countOf(counts, 'GET /numbers 200') === numberPages &&
    totalRequests(counts) === outplanPages + numberPages
  );
}
