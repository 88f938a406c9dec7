/**
 * Builds the API client from flags and the environment. Credentials come only from the
 * environment (never a flag, which would land in shell history and `ps`). Constructing
 * the client is cheap: undici itself is loaded on the first request.
 */
import { DEFAULT_BASE_URL, baseUrlText, checkBaseUrl } from '../api/base-url.js';
import { VoipbinClient } from '../api/client.js';
import type { ClientEvent } from '../api/client-event.js';
import type { Credential } from '../api/credential.js';
import { UsageError } from '../model/errors.js';

export interface ApiFlags {
  apiUrl?: string;
  rate?: number;
  timeoutMs?: number;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * VOIPBIN_ACCESSKEY wins when both are set: access keys are what the official clients
 * use and they do not expire after seven days.
 */
export function credentialFromEnv(env: Env): Credential {
  const accesskey = env.VOIPBIN_ACCESSKEY?.trim();
  if (accesskey) return { kind: 'accesskey', value: accesskey };
  const token = env.VOIPBIN_TOKEN?.trim();
  if (token) return { kind: 'token', value: token };
  throw new UsageError(
    'MISSING_CREDENTIALS',
    'No VoIPBIN credentials: set VOIPBIN_ACCESSKEY or VOIPBIN_TOKEN.',
    {
      hint: 'VOIPBIN_ACCESSKEY holds an access key (vb_…); VOIPBIN_TOKEN holds a login JWT. For the local emulator, use a key it printed on start.',
    },
  );
}

/** The checked base URL. Its messages never echo the input and hide the env credentials. */
export function baseUrlFrom(flags: ApiFlags, env: Env): string {
  const chosen = flags.apiUrl ?? (env.VOIPBIN_API_URL?.trim() || DEFAULT_BASE_URL);
  const secrets = [env.VOIPBIN_ACCESSKEY, env.VOIPBIN_TOKEN]
    .map((value) => value?.trim() ?? '')
    .filter((value) => value !== '');
  return baseUrlText(checkBaseUrl(chosen, secrets));
}

export function createClientFromCli(
  flags: ApiFlags,
  env: Env,
  onEvent?: (event: ClientEvent) => void,
): VoipbinClient {
  // URL first: a bad URL is the more basic mistake, and its message holds no secret.
  const baseUrl = baseUrlFrom(flags, env);
  const credential = credentialFromEnv(env);
  // Infinity is allowed: `--rate unlimited` lifts pacing (for the emulator and benchmarks).
  if (flags.rate !== undefined && !(flags.rate > 0)) {
    throw new UsageError('INVALID_RATE', `--rate must be a positive number, got ${flags.rate}.`);
  }
  if (flags.timeoutMs !== undefined && !(flags.timeoutMs > 0)) {
    throw new UsageError('INVALID_TIMEOUT', `--timeout must be positive.`);
  }
  const timeouts =
    flags.timeoutMs === undefined
      ? {}
      : {
          connectTimeoutMs: Math.min(flags.timeoutMs, 10_000),
          headersTimeoutMs: flags.timeoutMs,
          bodyTimeoutMs: flags.timeoutMs,
        };
  return new VoipbinClient({ baseUrl, credential, rate: flags.rate, onEvent, ...timeouts });
}
