import type { CliIo } from '../../src/cli/io.js';

export interface MemoryIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
  /** Fires the handler the command registered with onInterrupt, as a Ctrl-C would. */
  readonly interrupt: () => void;
}

/**
 * A CliIo for `runCli` in-process: captured streams, a scripted prompt, a fake terminal.
 * `onStderr` lets a test act at a precise moment (e.g. interrupt after the first call).
 */
export function memoryIo(options: {
  env: Record<string, string>;
  cwd: string;
  interactive?: boolean;
  answers?: Array<string | (() => Promise<string>)>;
  onStderr?: (chunk: string, io: MemoryIo) => void;
}): MemoryIo {
  let out = '';
  let err = '';
  const answers = [...(options.answers ?? [])];
  let handler: ((signal: string) => void) | null = null;
  const io: MemoryIo = {
    stdout: { write: (s: string) => (out += s), isTTY: false },
    stderr: {
      write: (s: string) => {
        err += s;
        options.onStderr?.(s, io);
      },
      isTTY: false,
    },
    interactive: options.interactive ?? false,
    prompt: async (question) => {
      err += question;
      const next = answers.shift();
      if (next === undefined) throw new Error(`unexpected prompt: ${question}`);
      return typeof next === 'string' ? next : next();
    },
    env: { NO_COLOR: '1', ...options.env },
    cwd: options.cwd,
    untilSignal: () => new Promise(() => {}),
    onInterrupt: (h) => {
      handler = h;
      return () => {
        if (handler === h) handler = null;
      };
    },
    now: () => new Date(),
    out: () => out,
    err: () => err,
    interrupt: () => handler?.('SIGINT'),
  };
  return io;
}
