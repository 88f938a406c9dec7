/**
 * Bundles a floor script (yaml-floor.ts) as scripts/build.mjs bundles the CLI: one ES
 * module file, its dependencies inside, minified for whitespace and syntax, Node 20.19
 * target. A floor loaded module by module from node_modules would pay for ~70 files the
 * CLI never opens, and overstate what the libraries cost.
 */
import { build } from 'esbuild';
import * as path from 'node:path';
import { REPO_ROOT } from './child-run.js';

const OUT_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'outplanctl-bench', 'floors');

/** Builds scripts/bench/<name>.ts into a bundle; returns the bundle's path. */
export async function bundleFloor(name: string): Promise<string> {
  const outfile = path.join(OUT_DIR, `${name}.mjs`);
  await build({
    entryPoints: [path.join(REPO_ROOT, 'scripts', 'bench', `${name}.ts`)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __floorRequire } from 'node:module';\nconst require = __floorRequire(import.meta.url);",
    },
  });
  return outfile;
}
