import type { Command } from 'commander';
import { UsageError } from '../model/errors.js';

/**
 * Terraform spells its flags with one dash (`-detailed-exitcode`, `-out=plan`), and people
 * carry the habit over. Commander would read `-prune` as the short flags `-p -r -u …` and
 * answer "unknown option '-prune'" (or, for `-yes`, "unknown option '-es'"), which does not
 * say what to type instead. This finds the first such word that is one of our long options
 * with a dash missing, so the usage error can name the right spelling.
 *
 * Only words before a `--` terminator count, and not the value of an option that takes one
 * (`--out -prune` names a file, however odd).
 */
export function singleDashLongOption(argv: readonly string[], program: Command): UsageError | null {
  const commandName = argv.find((word) => !word.startsWith('-'));
  const command = program.commands.find((c) => c.name() === commandName) ?? null;
  const options = [...program.options, ...(command?.options ?? [])];
  // Commander's --help is not among `options`; `-help` is the commonest slip of all.
  const byLong = new Map<string, { long: string; required: boolean }>([
    ['--help', { long: '--help', required: false }],
  ]);
  for (const { long, required } of options) if (long) byLong.set(long, { long, required });
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') break;
    const known = byLong.get(word.split('=')[0]!);
    if (known !== undefined) {
      if (known.required && !word.includes('=')) i++; // skip its value
      continue;
    }
    const match = /^-([A-Za-z][A-Za-z0-9-]+)(=.*)?$/.exec(word);
    if (match === null) continue;
    const intended = byLong.get(`--${match[1]!}`);
    if (intended === undefined) continue;
    return new UsageError(
      'SINGLE_DASH_OPTION',
      `unknown option '${word}': long options take two dashes.`,
      {
        hint: `Did you mean ${intended.long}${match[2] ?? ''}?`,
      },
    );
  }
  return null;
}
