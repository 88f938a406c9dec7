/**
 * Target: `validate` of 5 outplans, whole process, at most 1.5x `node -e 0` (Node's own
 * start-up on this machine, whatever NODE_OPTIONS or NODE_EXTRA_CA_CERTS add to it). The
 * two alternate; medians compared. Both run under the same /usr/bin/time wrapper.
 * Also timed, in the same rounds: the floor the prescribed YAML parser sets (yaml-floor.ts:
 * load yaml, parse the same file, nothing else), so the table shows how much of the
 * distance to the target is the CLI's own.
 */
import { writeBenchConfig } from './bench-data.js';
import { BUILT_CLI, runNode } from './child-run.js';
import { bundleFloor } from './floor-bundle.js';
import { alternate, median, targetRow, withRuns, type BenchScenario } from './scenario.js';

const N = 5;
const RUNS = 11;
const TARGET = 1.5;

export const validateTarget: BenchScenario = {
  name: 'validate-5',
  description: `built CLI \`validate\` of ${N} outplans vs \`node -e 0\`, ${RUNS} runs each, alternating`,
  async run() {
    const failures: string[] = [];
    const config = await writeBenchConfig(N);
    const yamlFloor = await bundleFloor('yaml-floor');
    const floor: number[] = [];
    try {
      const { a: bare, b: cli } = await alternate(
        RUNS,
        async (i) => {
          const run = await runNode(yamlFloor, [config.file]);
          if (run.exitCode !== 0 || run.stdout.trim() !== `outplans=${N}`)
            failures.push(
              `yaml floor run ${i + 1}: exit ${run.exitCode}: ${run.stdout} ${run.stderr}`,
            );
          floor.push(run.wallMs);
          return (await runNode('-e', ['0'])).wallMs;
        },
        async (i) => {
          const run = await runNode(BUILT_CLI, ['validate', config.dir]);
          if (run.exitCode !== 0 || !run.stdout.includes(`${N} outplans`))
            failures.push(
              `validate run ${i + 1}: exit ${run.exitCode}: ${run.stdout} ${run.stderr}`,
            );
          return run.wallMs;
        },
      );
      const ratio = median(cli) / median(bare);
      return {
        metrics: [
          [`node -e 0, median of ${RUNS} (ms)`, withRuns(bare)],
          [
            `floor: yaml alone (load, parse the same file), median of ${RUNS} (ms)`,
            withRuns(floor),
          ],
          [`CLI validate, median of ${RUNS} (ms)`, withRuns(cli)],
          [
            'ratio floor / node -e 0 (what the parser alone costs)',
            (median(floor) / median(bare)).toFixed(3),
          ],
          [`ratio validate / node -e 0 (target <= ${TARGET})`, ratio.toFixed(3)],
        ],
        failures,
        targets: [
          targetRow(
            {
              measure: `validate of ${N} outplans / node -e 0`,
              value: ratio,
              unit: 'x',
              target: TARGET,
              detail: `${Math.round(median(cli))} ms / ${Math.round(median(bare))} ms`,
            },
            failures,
          ),
        ],
      };
    } finally {
      await config.remove();
    }
  },
};
