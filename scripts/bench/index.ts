/**
 * `npm run bench [-- name ...] [-- --json]`: runs benchmark scenarios, each in a fresh
 * Node process so peak memory is per scenario, and prints their numbers; the performance
 * targets they measured come last, in one table, each next to its target, with the
 * machine's load averages before and after. Exits 1 when an expectation or a target
 * fails. Names are scenarios or groups: `targets` (the default: the five measures of the
 * performance issue), `scale` (list, plan-10k, apply-1000), `all`. Add a scenario: write
 * scripts/bench/<name>.ts exporting a BenchScenario and register it below.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { BUILT_CLI, linkSchemasBesideCompiledSources } from './child-run.js';
import { formatTarget, type BenchResult, type BenchScenario, type TargetRow } from './scenario.js';

const SCENARIOS: Record<string, () => Promise<BenchScenario>> = {
  'validate-5': async () => (await import('./target-validate.js')).validateTarget,
  'plan-5': async () => (await import('./target-plan-small.js')).planSmallTarget,
  'apply-300': async () => (await import('./target-apply.js')).applyTarget,
  'plan-10k-30ms': async () => (await import('./target-plan-large.js')).planLargeTarget,
  list: async () => (await import('./list.js')).listScenario,
  'plan-10k': async () => (await import('./plan-10k.js')).plan10kScenario,
  'apply-1000': async () => (await import('./apply-1000.js')).apply1000Scenario,
};

const GROUPS: Record<string, readonly string[]> = {
  targets: ['validate-5', 'plan-5', 'apply-300', 'plan-10k-30ms'],
  scale: ['list', 'plan-10k', 'apply-1000'],
  all: Object.keys(SCENARIOS),
};

const DEFAULT_GROUP = 'targets';
const RESULT_PREFIX = 'BENCH_RESULT ';

async function runOne(name: string): Promise<void> {
  const load = SCENARIOS[name];
  if (!load) throw new Error(`unknown scenario ${name}`);
  const result = await (await load()).run();
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

function runInChild(name: string): BenchResult {
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, [self, '--run-one', name], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  if (child.status !== 0 || !line) {
    return { metrics: [], failures: [`scenario process exited with ${child.status}`] };
  }
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchResult;
}

/** Scenario names in run order, groups expanded, each once; null names an unknown one. */
function selection(names: readonly string[]): { selected: string[]; unknown: string[] } {
  const selected: string[] = [];
  const unknown: string[] = [];
  for (const name of names.length > 0 ? names : [DEFAULT_GROUP]) {
    const members = GROUPS[name] ?? (name in SCENARIOS ? [name] : null);
    if (members === null) unknown.push(name);
    else for (const m of members) if (!selected.includes(m)) selected.push(m);
  }
  return { selected, unknown };
}

function loadText(): string {
  return loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}

function targetTable(rows: readonly TargetRow[]): string {
  const cells = rows.map((r) => [
    r.measure,
    formatTarget(r.value, r.unit),
    `<= ${formatTarget(r.target, r.unit)}`,
    r.value <= r.target ? 'met' : 'MISSED',
    r.detail,
  ]);
  const header = ['measure', 'result', 'target', '', 'from'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  return [header, ...cells]
    .map((c) => `  ${c.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd())
    .join('\n');
}

async function main(argv: string[]): Promise<number> {
  linkSchemasBesideCompiledSources();
  if (argv[0] === '--run-one') {
    await runOne(argv[1] ?? '');
    return 0;
  }
  const json = argv.includes('--json');
  const { selected, unknown } = selection(argv.filter((a) => !a.startsWith('--')));
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown scenario(s): ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}; ` +
        `groups: ${Object.keys(GROUPS).join(', ')}\n`,
    );
    return 2;
  }
  const results: Record<string, BenchResult & { load: { before: number[]; after: number[] } }> = {};
  const loadBefore = loadavg();
  let failed = false;
  for (const name of selected) {
    const scenario = await SCENARIOS[name]!();
    if (!json) process.stdout.write(`\n${name}: ${scenario.description}\n`);
    const before = loadavg();
    const result = runInChild(name);
    const after = loadavg();
    results[name] = { ...result, load: { before, after } };
    failed ||= result.failures.length > 0;
    if (json) continue;
    const width = Math.max(0, ...result.metrics.map(([label]) => label.length));
    for (const [label, value] of result.metrics) {
      process.stdout.write(`  ${label.padEnd(width)}  ${value}\n`);
    }
    for (const failure of result.failures) process.stdout.write(`  FAILED: ${failure}\n`);
    process.stdout.write(
      `  load average (1, 5, 15 min): ${before.map((n) => n.toFixed(2)).join(' ')} before, ${loadText()} after\n`,
    );
  }
  const targets = selected.flatMap((name) => results[name]?.targets ?? []);
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ node: process.version, cli: BUILT_CLI, load: { before: loadBefore, after: loadavg() }, targets, results }, null, 2)}\n`,
    );
  } else {
    if (targets.length > 0) process.stdout.write(`\nTargets:\n${targetTable(targets)}\n`);
    process.stdout.write(
      `\nCLI ${BUILT_CLI}\nnode ${process.version}, ${process.platform}/${process.arch}; load average (1, 5, 15 min) ` +
        `${loadBefore.map((n) => n.toFixed(2)).join(' ')} at the start, ${loadText()} at the end\n`,
    );
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
