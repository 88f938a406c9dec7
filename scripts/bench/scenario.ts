/** One benchmark scenario. Each runs in a fresh process, so its peak RSS is its own. */
export interface BenchScenario {
  readonly name: string;
  readonly description: string;
  run(): Promise<BenchResult>;
}

export interface BenchResult {
  /** Printed in this order: label -> value (numbers are printed as given). */
  readonly metrics: ReadonlyArray<readonly [label: string, value: string | number]>;
  /** Violated expectations (e.g. a request count); any makes `npm run bench` exit 1. */
  readonly failures: readonly string[];
}

/** Peak resident set size of this process so far, in MiB (Linux reports KiB). */
export function peakRssMiB(): number {
  return round1(process.resourceUsage().maxRSS / 1024);
}

export function rssMiB(): number {
  return round1(process.memoryUsage.rss() / 1024 / 1024);
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** "1234 (1200 1234 1300)": a median with the runs it came from. */
export function withRuns(values: readonly number[]): string {
  return `${Math.round(median(values))} (${values.map((v) => Math.round(v)).join(' ')})`;
}
