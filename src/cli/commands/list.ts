import { Option, type Command } from 'commander';
import { EXIT_CODES, messageOf } from '../../model/errors.js';
import { addApiOptions, apiFlagsFrom, type RawApiOptions } from '../api-flags.js';
import { useColour } from '../io.js';
import type { CommandContext } from '../command-context.js';

interface ListOptions extends RawApiOptions {
  format: 'text' | 'json';
}

export function registerListCommand(program: Command, context: CommandContext): void {
  const command = program
    .command('list')
    .description('List the live outplans: id, name, dial settings and the campaigns using each.')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'),
    );
  addApiOptions(command);
  command.addHelpText(
    'after',
    `
Examples:
  outplanctl list                  # find the id to pin with \`id:\` in a config file
  outplanctl list --format json | jq -r '.outplans[] | select(.campaigns == []) | .name'

Exit codes: 0 listed, 1 the API failed (also when only the campaigns could not be listed:
the outplans are still printed, with their campaigns as unknown).`,
  );
  command.action(async (options: ListOptions) => {
    context.exitCode = await runList(options, context);
  });
}

async function runList(options: ListOptions, context: CommandContext): Promise<number> {
  const { io } = context;
  const [{ clientFor }, render] = await Promise.all([
    import('../app-wiring.js'),
    import('../../render/live-list.js'),
  ]);
  const client = clientFor(apiFlagsFrom(options), io, context.debug);
  try {
    const [outplans, campaigns] = await Promise.allSettled([
      client.listOutplans(),
      client.listCampaigns(),
    ]);
    if (outplans.status === 'rejected') throw outplans.reason;
    const input = {
      outplans: outplans.value,
      campaigns: campaigns.status === 'fulfilled' ? campaigns.value : null,
    };
    io.stdout.write(
      options.format === 'json'
        ? render.renderLiveListJson(input)
        : render.renderLiveListText(input, { colour: useColour(io.stdout, io.env) }),
    );
    if (campaigns.status === 'rejected') {
      // The outplans are shown, but the list is incomplete: say so and do not exit 0.
      io.stderr.write(
        `error: campaigns could not be listed (${messageOf(campaigns.reason)}); ` +
          'the outplans are listed with their campaigns as unknown.\n',
      );
      return EXIT_CODES.failure;
    }
    return EXIT_CODES.success;
  } finally {
    await client.close();
  }
}
