#!/usr/bin/env node
/**
 * The `outplanctl` executable. It turns on Node's module compile cache first and only then
 * loads the CLI, so that the CLI's own code is compiled through the cache (a static import
 * would be loaded before this line runs).
 */
import * as module from 'node:module';

enableCompileCache();
const [{ processIo }, { runCli }] = await Promise.all([
  import('./process-io.js'),
  import('./program.js'),
]);
process.exitCode = await runCli(process.argv.slice(2), processIo());

/**
 * Node ≥ 22.1 can keep V8's compiled code of the modules it loads on disk, so later runs skip
 * most of the compile work (Node 20 has no such cache: nothing happens there). The cache
 * is an optimisation only: Node reports an unwritable directory (a read-only file system,
 * no temporary directory) as a failed status instead of throwing, NODE_DISABLE_COMPILE_CACHE
 * turns it off, and anything else that goes wrong leaves the CLI running without it.
 */
function enableCompileCache(): void {
  const enable = (module as { enableCompileCache?: () => unknown }).enableCompileCache;
  if (typeof enable !== 'function') return;
  try {
    enable();
  } catch {
    // Running uncached is only slower.
  }
}
