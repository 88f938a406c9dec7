import { Command, CommanderError } from 'commander';
import { EXIT_CODES } from '../model/errors.js';
import type { CommandContext } from './command-context.js';
import type { CliIo } from './io.js';
import { reportError } from './report-error.js';
import { singleDashLongOption } from './single-dash-options.js';
import { packageVersion } from './version.js';
import { registerCommands } from './commands/index.js';

/**
 * Runs one invocation. Never throws and never calls process.exit: it returns the exit code
 * so output can flush and tests can run it in-process.
 */
export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  // --no-color is NO_COLOR for this run: every colour decision already reads NO_COLOR.
  const io = argv.includes('--no-color')
    ? { ...rawIo, env: { ...rawIo.env, NO_COLOR: '1' } }
    : rawIo;
  const context: CommandContext = { io, debug, exitCode: EXIT_CODES.success };
  const program = new Command('outplanctl')
    .description('Manage VoIPBIN outbound dialing plans (outplans) as code.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('--debug', 'show stack traces and HTTP traces (credentials stay redacted)')
    .option('--no-color', 'no colour in any output (like NO_COLOR=1)')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // Commander's own usage errors start with `error:` like every other error line.
      outputError: (s, write) => write(s.startsWith('error: ') ? s : `error: ${s}`),
    })
    .exitOverride();
  program.addHelpText(
    'after',
    `
Exit codes: 0 success, 1 runtime failure, 2 changes present (plan --detailed-exitcode),
            3 invalid configuration or usage, 4 refused by a safety rule.`,
  );
  registerCommands(program, context);
  try {
    const singleDash = singleDashLongOption(argv, program);
    if (singleDash !== null) throw singleDash;
    await program.parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExitCode(error);
    return reportError(error, io.stderr, debug, io.env);
  }
}

function commanderExitCode(error: CommanderError): number {
  switch (error.code) {
    case 'commander.helpDisplayed':
    case 'commander.version':
    case 'commander.help':
      return EXIT_CODES.success;
    default:
      // Commander already printed what was wrong with the command line.
      return EXIT_CODES.invalid;
  }
}
