/**
 * Runs an `actions/github-script` step's script the way the action does: the script body
 * becomes an async function of `github`, `context`, `core` and `require`. The step's env
 * (expressions substituted) is handed in as `process.env`, so nothing leaks into the test
 * process.
 */
import { createRequire } from 'node:module';
import {
  extractGithubScripts,
  loadWorkflow,
  substituteExpressions,
  type GithubScript,
} from './workflow-files.js';

export function scriptOf(file: string, step: string): GithubScript {
  const found = extractGithubScripts(loadWorkflow(file)).find((s) => s.step === step);
  if (!found) throw new Error(`${file} has no github-script step named ${step}`);
  return found;
}

export interface FakeCore {
  readonly warnings: string[];
  summaryText: string;
  info(message: string): void;
  warning(message: string): void;
  readonly summary: { addRaw(text: string): FakeCore['summary']; write(): Promise<unknown> };
}

export function fakeCore(): FakeCore {
  const core: FakeCore = {
    warnings: [],
    summaryText: '',
    info: () => undefined,
    warning: (m) => void core.warnings.push(m),
    summary: {
      addRaw(text) {
        core.summaryText += text;
        return this;
      },
      async write() {
        return this;
      },
    },
  };
  return core;
}

export const fakeContext = {
  repo: { owner: 'acme', repo: 'dialing' },
  serverUrl: 'https://github.com',
  runId: 4242,
  sha: '0123456789abcdef0123456789abcdef01234567',
  payload: { pull_request: { number: 7 } },
};

type AsyncFn = (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
  ...args: string[]
) => AsyncFn;

export async function runGithubScript(
  gs: GithubScript,
  values: Record<string, string>,
  github: unknown,
  core: FakeCore,
): Promise<void> {
  const env = Object.fromEntries(
    Object.entries(gs.env).map(([k, v]) => [k, substituteExpressions(String(v), values)]),
  );
  const fn = new AsyncFunction('github', 'context', 'core', 'require', 'process', gs.script);
  await fn(github, fakeContext, core, createRequire(import.meta.url), { env });
}
