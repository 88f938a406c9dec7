import type { Command } from 'commander';
import { UsageError } from '../../model/errors.js';
import { positiveInteger } from '../api-flags.js';
import type { ApplyFlags } from '../apply-command.js';
import type { CommandContext } from '../command-context.js';
import { configPathsOrDefault } from '../config-paths.js';
import { addPlanningOptions } from '../planning-options.js';
import { checkSafetyFlags } from '../safety-flags.js';

export function registerApplyCommand(program: Command, context: CommandContext): void {
  const command = program
    .command('apply')
    .description('Make the calls that bring the live account to the config (or run a saved plan).')
    .argument('[paths...]', 'config files or directories (default: ./outplans/)')
    .option(
      '--plan <file>',
      'apply a saved plan from `plan --out`, refusing if the account changed since (never asks)',
    )
    .option('-y, --yes', 'do not ask for confirmation (required without a terminal, unless --plan)')
    .option('--concurrency <n>', 'outplans changed in parallel, within the rate limit', '4')
    .option('--report <file>', 'write a JSON audit record of every call made');
  addPlanningOptions(command);
  command.addHelpText(
    'after',
    `
Examples:
  outplanctl apply outplans/                     # plan, show, ask, apply
  outplanctl apply outplans/ --prune --yes       # in CI
  outplanctl apply --plan plan.json --report audit.json   # exactly what was reviewed

Exit 0 only when the closing check shows the live account matches; 1 when a call failed,
the run was interrupted or cancelled, or the account still differs afterwards.
Interrupting (Ctrl-C, or SIGTERM from CI) lets the calls in flight finish, starts no new
ones, and still writes the summary and --report; a second interrupt stops at once.`,
  );
  command.action(async (paths: string[], options: ApplyFlags) => {
    const concurrency = positiveInteger('--concurrency', options.concurrency);
    checkSafetyFlags(options);
    if (options.plan !== undefined && (paths.length > 0 || options.prune || options.strict)) {
      throw new UsageError(
        'PLAN_WITH_CONFIG',
        '--plan applies a saved plan as it was reviewed; it takes no config paths, --prune or --strict.',
        { hint: 'Drop them, or drop --plan to plan afresh from the config.' },
      );
    }
    // The apply machinery loads only when apply runs: --help and --version stay fast.
    const { runApply } = await import('../apply-command.js');
    const config =
      options.plan === undefined
        ? await configPathsOrDefault(paths, context.io.cwd, 'apply')
        : paths;
    context.exitCode = await runApply(config, options, concurrency, context);
  });
}
