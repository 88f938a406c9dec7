/**
 * Everything the CLI takes from the outside world, as one value, so that tests can run
 * `runCli(argv, io)` in-process and the built binary wires in the real process.
 */
export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Whether a human can answer a prompt (stdin is a TTY). */
  readonly interactive: boolean;
  /** Ask a yes/no question on the TTY; only called when `interactive`. */
  readonly prompt: (question: string) => Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Resolves when the user asks the process to stop (SIGINT/SIGTERM). */
  readonly untilSignal: () => Promise<string>;
  /**
   * Calls `handler` on the first SIGINT/SIGTERM instead of dying (a second one stops the
   * process as usual). Returns a function that stops listening.
   */
  readonly onInterrupt: (handler: (signal: string) => void) => () => void;
  readonly now: () => Date;
}

/** Colour only on a TTY and never with NO_COLOR (https://no-color.org). */
export function useColour(stream: OutputStream, env: CliIo['env']): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0')
    return true;
  return stream.isTTY === true;
}
