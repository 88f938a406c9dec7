import { Option, type Command } from 'commander';
import { EXIT_CODES } from '../../model/errors.js';
import { useColour } from '../io.js';
import type { CommandContext } from '../command-context.js';
import { configPathsOrDefault } from '../config-paths.js';

interface ValidateOptions {
  strict?: boolean;
  format: 'text' | 'json';
}

export function registerValidateCommand(program: Command, context: CommandContext): void {
  program
    .command('validate')
    .description('Check config files and report every problem at once (no API calls).')
    .argument('[paths...]', 'YAML files or directories (default: ./outplans/)')
    .option('--strict', 'treat warnings as errors')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'),
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  outplanctl validate outplans/\n' +
        '  outplanctl validate outplans/ --strict --format json\n' +
        '\nExit codes: 0 valid (warnings allowed), 3 invalid.\n' +
        'With GITHUB_ACTIONS=true, also prints workflow annotations for the pull request.',
    )
    .action(async (paths: string[], options: ValidateOptions) => {
      const config = await configPathsOrDefault(paths, context.io.cwd, 'validate');
      context.exitCode = await runValidate(config, options, context);
    });
}

async function runValidate(
  paths: string[],
  options: ValidateOptions,
  context: CommandContext,
): Promise<number> {
  // Heavy modules (yaml, ajv) load only when the command runs.
  const [{ loadConfig }, render] = await Promise.all([
    import('../../config/load.js'),
    import('../../render/diagnostics.js'),
  ]);
  const { io } = context;
  const loaded = await loadConfig(paths, { cwd: io.cwd, strict: options.strict === true });
  const summary = render.summarise(loaded.diagnostics, {
    files: loaded.files.length,
    outplans: loaded.state.outplans.length,
  });
  const annotations =
    io.env.GITHUB_ACTIONS === 'true' ? render.renderGithubAnnotations(loaded.diagnostics) : '';
  if (options.format === 'json') {
    io.stdout.write(render.renderDiagnosticsJson(loaded.diagnostics, summary, loaded.files));
    // stdout stays one JSON document; the runner reads workflow commands from stderr too.
    if (annotations) io.stderr.write(annotations);
  } else {
    io.stderr.write(
      render.renderDiagnosticsText(loaded.diagnostics, { colour: useColour(io.stderr, io.env) }),
    );
    if (annotations) io.stdout.write(annotations);
    (summary.errors > 0 ? io.stderr : io.stdout).write(render.renderSummaryLine(summary));
  }
  return summary.errors > 0 ? EXIT_CODES.invalid : EXIT_CODES.success;
}
