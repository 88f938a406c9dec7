import { stat } from 'node:fs/promises';
import { discoverFiles } from './discover.js';
import type { LoadedConfig, LoadOptions } from './load.js';

/**
 * Below this many bytes of YAML the config is parsed on the calling thread. A worker costs
 * a new V8 isolate and a second load of the parser (~100 ms of CPU, more on a busy
 * machine) and pays off only when the listing it overlaps takes longer than that; 96 KiB
 * (about 380 outplans) parse in ~100 ms, about what a worker costs before it parses
 * anything. Above it, parsing on the thread that drives the listing would hold the
 * listing's responses up for longer than a worker costs.
 */
export const WORKER_MIN_BYTES = 96 * 1024;

/**
 * loadConfig for a command that lists the live account at the same time: in a worker
 * thread when the config is large enough to pay for one (loadConfigInWorker, same result),
 * on this thread otherwise. Either way the result is loadConfig's.
 */
export async function loadConfigAlongside(
  paths: string[],
  options: LoadOptions,
): Promise<LoadedConfig> {
  if ((await configBytes(paths, options.cwd)) >= WORKER_MIN_BYTES) {
    const { loadConfigInWorker } = await import('./load-in-worker.js');
    return loadConfigInWorker(paths, options);
  }
  const { loadConfig } = await import('./load.js');
  return loadConfig(paths, { cwd: options.cwd, strict: options.strict === true });
}

/** The size of the YAML files the paths name (loadConfig reports what is unreadable). */
async function configBytes(paths: readonly string[], cwd: string): Promise<number> {
  const { files } = await discoverFiles(paths, cwd);
  const sizes = await Promise.all(
    files.map((file) =>
      stat(file.absolute).then(
        (info) => info.size,
        () => 0,
      ),
    ),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}
