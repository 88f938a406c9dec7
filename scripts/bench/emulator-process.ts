/** Starts scripts/bench/emulator-child in a separate Node process and talks to it. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface EmulatorProcessOptions {
  accessKey: string;
  seedOutplans: number;
  deletedEvery?: number;
  rateLimit?: number;
  latencyMs?: number;
}

export interface EmulatorProcess {
  readonly baseUrl: string;
  /** Stops the child; resolves with its request counts by "METHOD status". */
  stop(): Promise<Record<string, number>>;
}

const CHILD = fileURLToPath(new URL('./emulator-child.js', import.meta.url));

export function startEmulatorProcess(options: EmulatorProcessOptions): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [CHILD, JSON.stringify(options)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let buffer = '';
  const lines: ((line: string) => void)[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      lines.shift()?.(line);
    }
  });
  const nextLine = (prefix: string) =>
    new Promise<unknown>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`emulator child exited with ${code}`)));
      lines.push((line) =>
        line.startsWith(`${prefix} `)
          ? resolve(JSON.parse(line.slice(prefix.length + 1)))
          : reject(new Error(`emulator child said: ${line}`)),
      );
    });
  return nextLine('READY').then((ready) => ({
    baseUrl: (ready as { baseUrl: string }).baseUrl,
    stop: async () => {
      const done = nextLine('DONE');
      child.stdin.end();
      return ((await done) as { requests: Record<string, number> }).requests;
    },
  }));
}
