import type { Command } from 'commander';
import { addApiOptions } from '../api-flags.js';
import type { PlanOptions } from '../plan-run.js';
import type { CommandContext } from '../program.js';
import { addSafetyOptions } from '../safety-flags.js';

export function registerPlanCommand(program: Command, context: CommandContext): void {
  const command = program
    .command('plan')
    .description('Show the API calls that would make the live account match the config.')
    .argument('[paths...]', 'config files or directories (default: the current directory)')
    .option('--prune', 'delete live outplans that no file declares (never without this flag)')
    .option('--format <format>', 'text, json or markdown', 'text')
    .option('--out <file>', 'save the plan for `outplanctl apply --plan FILE`')
    .option('--detailed-exitcode', 'exit 2 when there are changes (for drift checks)')
    .option('--strict', 'treat config warnings as errors');
  addSafetyOptions(command);
  addApiOptions(command);
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
    context.exitCode = await runPlan(paths, options, context);
  });
}
