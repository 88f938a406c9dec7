/**
 * Runs the built CLI against a fake server from a scratch directory and returns what a
 * trust test asserts: exit code, wall seconds, write calls, and everything it printed or
 * wrote (for redaction checks). With TRUST_TABLE set, each run appends a row
 * (case, exit code, seconds, write calls) to that file, for the closing table.
 */
import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuiltCli } from '../run-cli.js';
import { secondsSince } from './scripted-api.js';

export interface TrustRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
  /** stdout, stderr and every file the run left in its directory. */
  readonly everything: string;
}

export async function runTrustCase(
  label: string,
  options: {
    baseUrl: string;
    key: string;
    args: readonly string[];
    files?: Record<string, string>;
    env?: Record<string, string>;
    writes?: () => number;
  },
): Promise<TrustRun> {
  const dir = mkdtempSync(join(tmpdir(), 'outplanctl-trust-'));
  try {
    for (const [name, content] of Object.entries(options.files ?? {})) {
      writeFileSync(join(dir, name), content);
    }
    const started = performance.now();
    const result = await runBuiltCli(options.args, {
      cwd: dir,
      env: { VOIPBIN_API_URL: options.baseUrl, VOIPBIN_ACCESSKEY: options.key, ...options.env },
    });
    const seconds = secondsSince(started);
    const files = readdirSync(dir).map((name) => readFileSync(join(dir, name), 'utf8'));
    if (process.env.TRUST_TABLE) {
      const writes = options.writes?.() ?? 0;
      appendFileSync(
        process.env.TRUST_TABLE,
        `${JSON.stringify({ label, code: result.code, seconds, writes })}\n`,
      );
    }
    return {
      ...result,
      seconds,
      everything: [result.stdout, result.stderr, ...files].join('\n'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A config declaring `names`, each one a create against an empty account. */
export function configDeclaring(names: readonly string[]): string {
  const lines = ['outplans:'];
  for (const name of names) {
    lines.push(
      `  - { name: ${JSON.stringify(name)}, detail: "", source: { type: tel, target: "+15559876543" }, dial_timeout: 30s, try_interval: 10m, max_try_count_0: 3, max_try_count_1: 2 }`,
    );
  }
  return `${lines.join('\n')}\n`;
}
