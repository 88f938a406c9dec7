import { discoverFiles } from './discover.js';
import { readConfigText } from './read-file.js';

/**
 * `type: tel` as a source is written in block or flow style, key and value plain or quoted
 * (`type: tel`, `{ "type": "tel" }`), followed by the end of the value. Other spellings
 * YAML allows (escapes, tags, aliases) are not matched, which only means the hint says "no".
 */
const TEL_SOURCE = /(?:^|[\s{,])(["']?)type\1\s*:\s*(["']?)tel\2[ \t]*(?:[,}#\r\n]|$)/m;

/**
 * Whether the config's text shows a `tel` source, before it is parsed: a hint that lets
 * the numbers listing start with the outplan listing (ConfigSource.mayDeclareTelCallerIds).
 * Reads the same files loadConfig reads, with its limits; anything unreadable is left to
 * loadConfig to report, and the hint says "no".
 */
export async function mayDeclareTelCallerIds(
  paths: readonly string[],
  cwd: string,
): Promise<boolean> {
  const { files } = await discoverFiles(paths, cwd);
  for (const file of files) {
    const read = await readConfigText(file);
    if (read.ok && TEL_SOURCE.test(read.text)) return true;
  }
  return false;
}
