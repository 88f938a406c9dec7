import type { Command } from 'commander';
import type { PlanOptions } from '../plan-run.js';
import { addPlanningOptions } from '../planning-options.js';
import type { CommandContext } from '../command-context.js';
import { configPathsOrDefault } from '../config-paths.js';

export function registerPlanCommand(program: Command, context: CommandContext): void {
  const command = program
    .command('plan')
    .description('Show the API calls that would make the live account match the config.')
    .argument('[paths...]', 'config files or directories (default: ./outplans/)')
    .option('--format <format>', 'text, json or markdown', 'text')
    .option('--out <file>', 'save the plan for `outplanctl apply --plan FILE`')
    .option('--detailed-exitcode', 'exit 2 when there are changes (for drift checks)');
  addPlanningOptions(command);
  command.addHelpText(
    'after',
    `
Examples:
  outplanctl plan outplans/
  outplanctl plan outplans/ --prune --format markdown --out plan.json
  outplanctl plan outplans/ --detailed-exitcode   # nightly drift check: exit 2 = drift`,
  );
  command.action(async (paths: string[], options: PlanOptions) => {
    // The plan machinery loads only when a plan runs: --help and --version stay fast.
    const { runPlan } = await import('../plan-run.js');
    const config = await configPathsOrDefault(paths, context.io.cwd, 'plan');
    context.exitCode = await runPlan(config, options, context);
  });
}
