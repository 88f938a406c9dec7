/**
 * The real ports for the use cases: the undici client (its long waits reported to the
 * host, its trace under --debug), the system clock, the config loader in a worker, the
 * --report file. Everything here reads the process world through CliIo.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { VoipbinClient } from '../api/client.js';
import type { ClientEvent } from '../api/client-event.js';
import type { AuditSink, Clock, ConfigSource, Host } from '../app/index.js';
import type { CiContext } from '../apply/index.js';
import { createClientFromCli, type ApiFlags } from './api-client-from-env.js';
import { debugTrace } from './debug-trace.js';
import type { CliIo } from './io.js';
import { writeUserFile } from './output-file.js';

export function systemClock(io: CliIo): Clock {
  return {
    now: () => io.now(),
    sleep: (ms, signal) => sleep(ms, undefined, signal ? { signal } : {}),
  };
}

/**
 * A large config parses in a worker so it overlaps the listing instead of blocking its loop;
 * a small one on this thread (a worker would cost more than the parse).
 */
export function configAlongsideListing(io: CliIo): ConfigSource {
  return {
    async load(paths, options) {
      const { loadConfigAlongside } = await import('../config/load-alongside.js');
      return loadConfigAlongside([...paths], { cwd: io.cwd, strict: options.strict });
    },
    async mayDeclareTelCallerIds(paths) {
      const { mayDeclareTelCallerIds } = await import('../config/tel-hint.js');
      return mayDeclareTelCallerIds(paths, io.cwd);
    },
  };
}

/**
 * The API client; a wait the client makes (Retry-After, backoff) reaches the host, which
 * says what it waits for when the pause is long enough to notice.
 */
export function clientFor(api: ApiFlags, io: CliIo, debug: boolean, host?: Host): VoipbinClient {
  const trace = debug ? debugTrace(io.stderr) : null;
  return createClientFromCli(api, io.env, (event: ClientEvent) => {
    trace?.(event);
    if (event.type !== 'wait') return;
    // The client announces its long waits (Retry-After, backoff, re-lists after an
    // ambiguous create) itself; the reason reads after "waiting N s for".
    if (host) void host.notify({ type: 'wait', reason: event.reason, ms: event.ms });
    else io.stderr.write(`Waiting ${Math.round(event.ms / 1000)} s for ${event.reason}…\n`);
  });
}

/** `--report FILE`; failing to write it is a warning: the calls decide the exit code. */
export function reportFile(io: CliIo, path: string | undefined): AuditSink | undefined {
  if (path === undefined) return undefined;
  return {
    async write(report) {
      try {
        await writeUserFile(io.cwd, path, `${JSON.stringify(report, null, 2)}\n`, '--report');
        io.stderr.write(`Audit record written to ${path}.\n`);
      } catch (error) {
        io.stderr.write(
          `warning: could not write the audit record (${(error as Error).message}).\n`,
        );
      }
    },
  };
}

/** The CI run that made the calls, from GitHub Actions' variables. */
export function ciContext(env: CliIo['env']): CiContext | null {
  if (env.GITHUB_ACTIONS !== 'true' && !env.GITHUB_REPOSITORY) return null;
  return {
    repository: env.GITHUB_REPOSITORY ?? null,
    sha: env.GITHUB_SHA ?? null,
    actor: env.GITHUB_ACTOR ?? null,
    run_id: env.GITHUB_RUN_ID ?? null,
  };
}
