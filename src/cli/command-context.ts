import type { CliIo } from './io.js';

/** What every command action receives besides its own options. */
export interface CommandContext {
  readonly io: CliIo;
  readonly debug: boolean;
  /** Set by the action; becomes the process exit code. */
  exitCode: number;
}
