import type { Command } from 'commander';
import { EXIT_CODES } from '../../model/errors.js';
import type { CommandContext } from '../command-context.js';
import { packageVersion } from '../version.js';

/** `outplanctl version`: the same line as `--version` (one source: the package manifest). */
export function registerVersionCommand(program: Command, context: CommandContext): void {
  program
    .command('version')
    .description('print the version (same as --version)')
    .action(() => {
      context.io.stdout.write(`${packageVersion()}\n`);
      context.exitCode = EXIT_CODES.success;
    });
}
