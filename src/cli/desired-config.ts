import type { LoadedConfig } from '../config/load.js';
import { hasErrors } from '../model/diagnostic.js';
import { ConfigError } from '../model/errors.js';
import type { CliIo } from './io.js';
import { writeDiagnostics } from './diagnostics-output.js';

export interface DesiredOptions {
  readonly strict?: boolean;
  /**
   * Parse in a worker thread. Commands that also list the live account use it so that
   * parsing (yaml reads ~1 MB/s) overlaps the listing instead of blocking the event loop
   * that drives it.
   */
  readonly inWorker?: boolean;
}

/** Loads the config, prints its warnings, and throws ConfigError (exit 3) on any error. */
export async function loadDesired(
  paths: string[],
  io: CliIo,
  options: DesiredOptions = {},
): Promise<LoadedConfig> {
  const loadOptions = { cwd: io.cwd, strict: options.strict ?? false };
  const loaded = options.inWorker
    ? await (await import('../config/load-in-worker.js')).loadConfigInWorker(paths, loadOptions)
    : await (await import('../config/load.js')).loadConfig(paths, loadOptions);
  if (hasErrors(loaded.diagnostics)) {
    throw new ConfigError(loaded.diagnostics, configErrorMessage(loaded));
  }
  writeDiagnostics(loaded.diagnostics, io);
  return loaded;
}

function configErrorMessage(loaded: LoadedConfig): string {
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
  return `The configuration has ${errors} error${errors === 1 ? '' : 's'}; nothing was changed.`;
}
