import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The schema this outplanctl ships (in the package: node_modules/outplanctl/schemas/). */
export const SHIPPED_SCHEMA_PATH = fileURLToPath(
  new URL('../../schemas/outplans.schema.json', import.meta.url),
);

/** What a config repository that installs outplanctl writes at the top of outplans/*.yaml. */
export const INSTALLED_MODELINE_FROM_OUTPLANS =
  '../node_modules/outplanctl/schemas/outplans.schema.json';

export interface SchemaModeline {
  /** The `$schema=` value: relative to the folder the file lands in, `/` separators. */
  readonly ref: string;
  /** Set when the ref resolves only on this machine (a global install, npx, another clone). */
  readonly warning: string | null;
}

/**
 * The modeline for a file written into `outputDir`. It points at the schema file that
 * ships with the running outplanctl, relative to where the file lands, because that is how
 * yaml-language-server resolves a relative `$schema` — and a relative path keeps working in
 * every checkout of a repository that installs outplanctl as a dependency (`npm ci` puts the
 * schema at the same place). There is no hosted schema URL to point at instead.
 *
 * The ref is portable only when the schema lives in the project the file belongs to: a
 * `node_modules/` of one of the file's ancestor folders, or the clone outplanctl runs from.
 * Otherwise it still resolves here, but the warning says which modeline to commit.
 */
export function schemaModeline(
  outputDir: string,
  shipped: string = SHIPPED_SCHEMA_PATH,
  exists: (path: string) => boolean = existsSync,
): SchemaModeline {
  const home = projectOf(shipped);
  // pnpm installs into node_modules/.pnpm/outplanctl@VERSION/… and links
  // node_modules/outplanctl to it: the link is the path that survives an upgrade.
  const linked = join(home, 'node_modules', 'outplanctl', 'schemas', 'outplans.schema.json');
  const schemaPath = home !== dirname(dirname(shipped)) && exists(linked) ? linked : shipped;
  const rel = relative(outputDir, schemaPath).split(sep).join('/');
  const ref = rel.startsWith('../') ? rel : `./${rel}`;
  const fromHome = relative(home, outputDir);
  const portable = fromHome === '' || (!fromHome.startsWith('..') && !isAbsolute(fromHome));
  return {
    ref,
    warning: portable
      ? null
      : `the schema modeline points to ${ref}, which resolves only on this machine ` +
        `(this outplanctl runs from ${home}). In a config repository, install outplanctl ` +
        `as a dev dependency and start files in outplans/ with ` +
        `# yaml-language-server: $schema=${INSTALLED_MODELINE_FROM_OUTPLANS}`,
  };
}

/**
 * The folder whose checkouts all have the schema at the same relative place: the project
 * that installed the package (the folder holding the outermost node_modules on its path),
 * or, run from a clone, the clone itself.
 */
function projectOf(schemaPath: string): string {
  const packageRoot = dirname(dirname(schemaPath));
  const at = packageRoot.indexOf(`${sep}node_modules${sep}`);
  return at === -1 ? packageRoot : packageRoot.slice(0, at) || sep;
}
