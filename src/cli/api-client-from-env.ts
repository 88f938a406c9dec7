/**
 * Builds the API client from flags and the environment. Credentials come only from the
 * environment (never a flag, which would land in shell history and `ps`); so do proxies.
 * This is the one place below the commands that reads those variables: everything under
 * src/api receives plain values. Constructing the client is cheap: undici itself is
 * loaded on the first request.
 */
import { DEFAULT_BASE_URL, baseUrlText, checkBaseUrl } from '../api/base-url.js';
import { VoipbinClient } from '../api/client.js';
import type { ClientEvent } from '../api/client-event.js';
import type { Credential } from '../api/credential.js';
import type { ProxyChoice, ProxySettings } from '../api/proxy.js';
import { secretsFromEnv } from '../api/secrets.js';
import { UsageError } from '../model/errors.js';

export interface ApiFlags {
  apiUrl?: string;
  rate?: number;
  /** Deadline of one request (connect, headers and whole body), milliseconds. */
  timeoutMs?: number;
  maxListItems?: number;
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

/** The checked base URL. Its messages never echo the input and hide the env secrets. */
export function baseUrlFrom(flags: ApiFlags, env: Env): string {
  const chosen = flags.apiUrl ?? (env.VOIPBIN_API_URL?.trim() || DEFAULT_BASE_URL);
  return baseUrlText(checkBaseUrl(chosen, secretsFromEnv(env)));
}

/**
 * Proxies as curl reads them: the lower-case variable first, then the upper-case one;
 * `https_proxy` for https URLs and `http_proxy` for http URLs (neither stands in for the
 * other); `no_proxy` lists hosts that go direct. A URL without a scheme means http://,
 * as for curl. A value that is not a URL is a usage error that does not echo it (it may
 * hold a password).
 */
export function proxySettingsFromEnv(env: Env): ProxySettings {
  const pick = (lower: string, upper: string): ProxyChoice | undefined => {
    for (const name of [lower, upper]) {
      const value = env[name]?.trim();
      if (value) return { url: proxyUrl(value, name), from: name };
    }
    return undefined;
  };
  const noProxy = (env.no_proxy ?? env.NO_PROXY)?.trim();
  return {
    http: pick('http_proxy', 'HTTP_PROXY'),
    https: pick('https_proxy', 'HTTPS_PROXY'),
    ...(noProxy ? { noProxy } : {}),
  };
}

function proxyUrl(value: string, name: string): string {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(
      'INVALID_PROXY',
      `${name} is not a valid proxy URL (it is not shown here, as it may hold a password).`,
      {
        hint: `Set ${name} to a URL such as http://proxy.example:3128, or unset it.`,
      },
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(
      'INVALID_PROXY',
      `${name} uses ${url.protocol.replace(/[^a-z0-9+.-:]/gi, '')} proxies, which outplanctl does not support.`,
      {
        hint: `Use an http:// or https:// proxy URL in ${name}.`,
      },
    );
  }
  return text;
}

export function createClientFromCli(
  flags: ApiFlags,
  env: Env,
  onEvent?: (event: ClientEvent) => void,
): VoipbinClient {
  // URL first: a bad URL is the more basic mistake, and its message holds no secret.
  const baseUrl = baseUrlFrom(flags, env);
  const credential = credentialFromEnv(env);
  const proxy = proxySettingsFromEnv(env);
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
          requestTimeoutMs: flags.timeoutMs,
          // Room for two attempts and a third short one, as the defaults (20 s / 45 s) give.
          callTimeoutMs: Math.round(flags.timeoutMs * 2.25),
        };
  return new VoipbinClient({
    baseUrl,
    credential,
    proxy,
    rate: flags.rate,
    onEvent,
    ...(flags.maxListItems === undefined
      ? {}
      : {
          maxListItems: flags.maxListItems,
          maxListPages: Math.ceil(flags.maxListItems / 100) + 50,
        }),
    ...timeouts,
  });
}
