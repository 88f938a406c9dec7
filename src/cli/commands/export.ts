import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { EXIT_CODES } from '../../model/errors.js';
import { addApiOptions, apiFlagsFrom, type RawApiOptions } from '../api-flags.js';
import { writeUserFile } from '../output-file.js';
import type { CommandContext } from '../command-context.js';

interface ExportOptions extends RawApiOptions {
  out?: string;
}

export function registerExportCommand(program: Command, context: CommandContext): void {
  const command = program
    .command('export')
    .description('Write the live outplans as a config file (to adopt an existing account).')
    .option('--out <file>', 'write to this file instead of stdout');
  addApiOptions(command);
  command.addHelpText(
    'after',
    `
Examples:
  outplanctl export --out outplans/live.yaml
  outplanctl plan outplans/ --detailed-exitcode   # exit 0: the export matches the account`,
  );
  command.action(async (options: ExportOptions) => {
    const { io } = context;
    const { clientFor } = await import('../app-wiring.js');
    const client = clientFor(apiFlagsFrom(options), io, context.debug);
    try {
      const live = await client.listOutplans();
      const { exportConfig } = await import('../../render/export-config.js');
      const { schemaModeline } = await import('../schema-modeline.js');
      const target = options.out === undefined ? null : resolve(io.cwd, options.out);
      // The modeline resolves from where the file lands: --out's folder, else the cwd.
      const modeline = schemaModeline(target === null ? io.cwd : dirname(target));
      const { yaml, warnings } = exportConfig(live, modeline.ref);
      for (const warning of warnings) io.stderr.write(`warning: ${warning}\n`);
      if (modeline.warning !== null) io.stderr.write(`warning: ${modeline.warning}\n`);
      if (target === null) {
        io.stdout.write(yaml);
      } else {
        await writeUserFile(io.cwd, target, yaml, '--out');
        io.stderr.write(
          `Exported ${live.length} outplan${live.length === 1 ? '' : 's'} to ${options.out}.\n`,
        );
      }
      context.exitCode = EXIT_CODES.success;
    } finally {
      await client.close();
    }
  });
}
