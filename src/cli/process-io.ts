import { createInterface } from 'node:readline/promises';
import type { CliIo } from './io.js';

export function processIo(): CliIo {
  ignoreBrokenPipes();
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    interactive: process.stdin.isTTY === true,
    prompt: async (question) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(question);
      } catch {
        // Ctrl-C or Ctrl-D at the prompt: the user declined, nothing more.
        return '';
      } finally {
        rl.close();
      }
    },
    env: process.env,
    cwd: process.cwd(),
    untilSignal: () =>
      new Promise((resolve) => {
        onInterrupt(resolve);
      }),
    onInterrupt,
    now: () => new Date(),
  };
}

/**
 * Handles the first SIGINT/SIGTERM itself and restores the default for the next one, so a
 * second Ctrl-C still stops the process at once. Returns a function that stops listening.
 */
function onInterrupt(handler: (signal: string) => void): () => void {
  const stop = (signal: string) => {
    dispose();
    handler(signal);
  };
  const dispose = () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return dispose;
}

/**
 * `outplanctl export | head -1` closes the pipe early. That is the reader's choice, not an
 * error: further output is dropped instead of crashing (mid-apply, a crash would lose the
 * audit record and the summary).
 */
function ignoreBrokenPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
}
