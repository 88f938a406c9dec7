import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../src/emulator/index.js';
import { runBuiltCli, type CliRun } from './run-cli.js';

/**
 * One user's world for an end-to-end test: an emulator on loopback, a scratch directory
 * for config files, and the built CLI run with the emulator's URL and key.
 */
export interface E2eSession {
  readonly emulator: RunningEmulator;
  readonly dir: string;
  readonly key: string;
  /** Runs `outplanctl ...args` in the scratch directory against the emulator. */
  run(args: readonly string[], env?: Record<string, string>): Promise<CliRun>;
  write(path: string, content: string): string;
  read(path: string): string;
  /** Live (not deleted) outplans as the emulator holds them. */
  liveRows(): ReturnType<RunningEmulator['store']['listOutplans']>;
  /** Requests that change state (POST, PUT, DELETE) since the log was last reset. */
  writes(): { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

export async function startSession(options: EmulatorOptions = {}): Promise<E2eSession> {
  const key = 'vb_e2e_secret_key_4711';
  const emulator = await startEmulator({ accessKeys: [key], ...options });
  const dir = mkdtempSync(join(tmpdir(), 'outplanctl-e2e-'));
  return {
    emulator,
    dir,
    key,
    async run(args, env = {}) {
      const result = await runBuiltCli(args, {
        cwd: dir,
        env: { VOIPBIN_API_URL: emulator.baseUrl, VOIPBIN_ACCESSKEY: key, ...env },
      });
      // Every end-to-end run doubles as a redaction check: the key travels in every URL.
      if (`${result.stdout}${result.stderr}`.includes(key)) {
        throw new Error(`outplanctl ${args.join(' ')} printed the access key:\n${result.stderr}`);
      }
      // ...and of every file it wrote: saved plans, audit records, exports, job summaries.
      for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
        const full = join(dir, file);
        if (statSync(full).isFile() && readFileSync(full, 'utf8').includes(key)) {
          throw new Error(`outplanctl ${args.join(' ')} left the access key in ${file}`);
        }
      }
      return result;
    },
    write(path, content) {
      const full = join(dir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
      return full;
    },
    read: (path) => readFileSync(join(dir, path), 'utf8'),
    liveRows: () => emulator.store.listOutplans(key).filter((o) => o.tm_delete === null),
    writes: () => emulator.requests.filter((r) => r.method !== 'GET').map((r) => ({ ...r })),
    async close() {
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A config file body with one entry per outplan (YAML flow maps keep tests short). */
export function configOf(
  outplans: readonly Record<string, unknown>[],
  extra: Record<string, unknown> = {},
): string {
  const lines = ['# yaml-language-server: $schema=none'];
  for (const [key, value] of Object.entries(extra)) lines.push(`${key}: ${JSON.stringify(value)}`);
  lines.push('outplans:');
  for (const outplan of outplans) lines.push(`  - ${JSON.stringify(outplan)}`);
  return `${lines.join('\n')}\n`;
}

export function outplan(
  name: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    name,
    detail: `${name} strategy`,
    source: { type: 'tel', target: '+15559876543' },
    dial_timeout: '30s',
    try_interval: '2h',
    max_try_count_0: 3,
    max_try_count_1: 2,
    ...overrides,
  };
}
