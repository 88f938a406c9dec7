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
  /** Performance targets this scenario measured; `npm run bench` tabulates them at the end. */
  readonly targets?: readonly TargetRow[];
}

/** One measure of the performance issue, next to its target (met when value <= target). */
export interface TargetRow {
  readonly measure: string;
  readonly value: number;
  /** 'x' for a ratio to a baseline or bound, 'MiB' for memory. */
  readonly unit: 'x' | 'MiB';
  readonly target: number;
  /** Where the value comes from, e.g. "312 ms / 104 ms (medians of 11)". */
  readonly detail: string;
}

/** A target row, plus the failure message when it is missed. */
export function targetRow(row: TargetRow, failures: string[]): TargetRow {
  if (!(row.value <= row.target))
    failures.push(
      `${row.measure}: ${formatTarget(row.value, row.unit)}, target <= ${formatTarget(row.target, row.unit)}`,
    );
  return row;
}

export function formatTarget(value: number, unit: TargetRow['unit']): string {
  return unit === 'x' ? `${value.toFixed(3)}x` : `${value.toFixed(1)} MiB`;
}

/**
 * Runs `a` and `b` alternately, `rounds` times each, so both see the same machine load
 * (other work on the machine drifts over minutes; alternating spreads it evenly).
 */
export async function alternate<A, B>(
  rounds: number,
  a: (round: number) => Promise<A>,
  b: (round: number) => Promise<B>,
): Promise<{ a: A[]; b: B[] }> {
  const as: A[] = [];
  const bs: B[] = [];
  for (let i = 0; i < rounds; i++) {
    as.push(await a(i));
    bs.push(await b(i));
  }
  return { a: as, b: bs };
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
