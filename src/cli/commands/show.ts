import type { Command } from 'commander';
import { displayToken, escapeControls } from '../../model/display.js';
import { EXIT_CODES } from '../../model/errors.js';
import type { CommandContext } from '../command-context.js';

interface ShowOptions {
  format: string;
}

/**
 * `outplanctl show PLANFILE`: a saved plan rendered as `plan` rendered it, offline. No
 * credential, no API call: a reviewer (or a CI job without secrets) can read the artifact.
 */
export function registerShowCommand(program: Command, context: CommandContext): void {
  program
    .command('show')
    .description('Render a saved plan (from `plan --out`) offline: no credentials, no API calls.')
    .argument('<planfile>', 'a file written by `outplanctl plan --out FILE`')
    .option('--format <format>', 'text, json or markdown', 'text')
    .addHelpText(
      'after',
      `
Examples:
  outplanctl show plan.json
  outplanctl show plan.json --format markdown > plan.md

The file is checked as \`apply --plan\` checks it (format version, checksum): an edited plan
is refused (exit 4), a file that is not a saved plan is a usage error (exit 3).`,
    )
    .action(async (file: string, options: ShowOptions) => {
      context.exitCode = await runShow(file, options, context);
    });
}

async function runShow(
  file: string,
  options: ShowOptions,
  context: CommandContext,
): Promise<number> {
  const { io } = context;
  const [{ parsePlanFormat, renderPlan }, { readUserFile }, { parseSavedPlan }] = await Promise.all(
    [import('../plan-output.js'), import('../output-file.js'), import('../../plan/index.js')],
  );
  const format = parsePlanFormat(options.format);
  // The same reading and checks as `apply --plan`, so the two can never disagree on a file.
  const saved = parseSavedPlan(
    await readUserFile(io.cwd, file, 'PLANFILE', 'Write one with `outplanctl plan --out FILE`.'),
  );
  io.stdout.write(await renderPlan(saved.plan, format, io));
  // Where the plan came from goes to stderr, so stdout stays exactly what `plan` printed.
  io.stderr.write(
    `Saved plan made ${displayToken(saved.created_at)} by ${escapeControls(saved.tool_version)} ` +
      `against ${displayToken(saved.api_url)}${saved.prune ? ' with --prune' : ''}.\n`,
  );
  return EXIT_CODES.success;
}
