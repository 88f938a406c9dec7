/**
 * `npm run bench [-- scenario ...] [-- --json]`: runs benchmark scenarios, each in a fresh
 * Node process so peak memory is per scenario, and prints their numbers. Exits 1 when a
 * scenario's expectations fail. Add a scenario: write scripts/bench/<name>.ts exporting a
 * BenchScenario and register it below.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { linkSchemasBesideCompiledSources } from './child-run.js';
import type { BenchResult, BenchScenario } from './scenario.js';

const SCENARIOS: Record<string, () => Promise<BenchScenario>> = {
  list: async () => (await import('./list.js')).listScenario,
  'plan-10k': async () => (await import('./plan-10k.js')).plan10kScenario,
  'apply-1000': async () => (await import('./apply-1000.js')).apply1000Scenario,
  targets: async () => (await import('./targets.js')).targetsScenario,
};

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

async function main(argv: string[]): Promise<number> {
  linkSchemasBesideCompiledSources();
  if (argv[0] === '--run-one') {
    await runOne(argv[1] ?? '');
    return 0;
  }
  const json = argv.includes('--json');
  const names = argv.filter((a) => !a.startsWith('--'));
  const selected = names.length > 0 ? names : Object.keys(SCENARIOS);
  const unknown = selected.filter((n) => !(n in SCENARIOS));
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown scenario(s): ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}\n`,
    );
    return 2;
  }
  const results: Record<string, BenchResult> = {};
  let failed = false;
  for (const name of selected) {
    const scenario = await SCENARIOS[name]!();
    if (!json) process.stdout.write(`\n${name}: ${scenario.description}\n`);
    const result = runInChild(name);
    results[name] = result;
    failed ||= result.failures.length > 0;
    if (json) continue;
    const width = Math.max(0, ...result.metrics.map(([label]) => label.length));
    for (const [label, value] of result.metrics) {
      process.stdout.write(`  ${label.padEnd(width)}  ${value}\n`);
    }
    for (const failure of result.failures) process.stdout.write(`  FAILED: ${failure}\n`);
  }
  if (json)
    process.stdout.write(`${JSON.stringify({ node: process.version, results }, null, 2)}\n`);
  else process.stdout.write(`\nnode ${process.version}, ${process.platform}/${process.arch}\n`);
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
