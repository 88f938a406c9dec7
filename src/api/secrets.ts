/**
 * The one list of secrets of an environment: what no output may show. The CLI redacts
 * its streams and files with it, the client its messages; both take it from here.
 */

type Env = Readonly<Record<string, string | undefined>>;

export const CREDENTIAL_VARIABLES = ['VOIPBIN_ACCESSKEY', 'VOIPBIN_TOKEN'] as const;
export const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'] as const;

/** Credential values (as set and trimmed) and the user names and passwords of proxies. */
export function secretsFromEnv(env: Env): string[] {
  const out = new Set<string>();
  for (const name of CREDENTIAL_VARIABLES) {
    const value = env[name];
    if (value === undefined || value.trim() === '') continue;
    out.add(value.trim());
    out.add(value);
  }
  for (const name of PROXY_VARIABLES) {
    for (const part of userinfoOf(env[name])) out.add(part);
  }
  return [...out];
}

/** A proxy URL's user name and password, raw and decoded. */
export function userinfoOf(text: string | undefined): string[] {
  if (text === undefined || text.trim() === '') return [];
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const part of [url.password, url.username]) {
    if (part === '') continue;
    out.push(part);
    try {
      out.push(decodeURIComponent(part));
    } catch {
      // Not valid percent-encoding: the raw form is all there is.
    }
  }
  return out;
}
