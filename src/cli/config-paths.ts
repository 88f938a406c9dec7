import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../model/errors.js';

/** Where a config repository keeps its files: the README, the workflows and `export` agree. */
export const DEFAULT_CONFIG_DIR = 'outplans';

/**
 * The config paths a command reads: the ones given, else `./outplans/`. Never the whole
 * working directory — a repository root also holds docker-compose.yml, CI files and old
 * exports, which would be read as outplans (or fail as invalid ones).
 */
export async function configPathsOrDefault(
  paths: readonly string[],
  cwd: string,
  command: string,
): Promise<string[]> {
  if (paths.length > 0) return [...paths];
  const info = await stat(resolve(cwd, DEFAULT_CONFIG_DIR)).catch(() => null);
  if (info?.isDirectory()) return [DEFAULT_CONFIG_DIR];
  throw new UsageError(
    'NO_CONFIG_PATH',
    info === null
      ? `No config paths given and there is no ./${DEFAULT_CONFIG_DIR}/ directory here.`
      : `No config paths given and ./${DEFAULT_CONFIG_DIR} is not a directory.`,
    {
      hint:
        `By convention the config lives in ${DEFAULT_CONFIG_DIR}/: create ${DEFAULT_CONFIG_DIR}/ ` +
        `or pass the paths (\`outplanctl ${command} path/to/config/\`).`,
    },
  );
}
