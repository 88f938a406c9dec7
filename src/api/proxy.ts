/**
 * Proxies, as curl reads them from the environment: `https_proxy`/`HTTPS_PROXY` for https
 * URLs, `http_proxy`/`HTTP_PROXY` for http URLs (never one for the other), `no_proxy`/
 * `NO_PROXY` for hosts that go direct. The CLI reads the environment; the client only
 * receives these settings, so nothing below the CLI depends on process.env.
 */

export interface ProxyChoice {
  /** As configured; may hold a user name and password (those are secrets). */
  readonly url: string;
  /** The variable it came from, e.g. `HTTPS_PROXY`, for messages. */
  readonly from: string;
}

export interface ProxySettings {
  readonly http?: ProxyChoice;
  readonly https?: ProxyChoice;
  /** Comma-separated hosts, domains (`.corp.example`), `host:port`, or `*`. */
  readonly noProxy?: string;
}

/** The proxy for an origin's scheme, if one is configured (NO_PROXY is undici's to apply). */
export function proxyForProtocol(
  settings: ProxySettings | undefined,
  protocol: string,
): ProxyChoice | undefined {
  if (settings === undefined) return undefined;
  return protocol === 'https:' ? settings.https : settings.http;
}

/** The proxy URL without user name or password, e.g. `http://proxy.corp:3128`. */
export function shownProxy(choice: ProxyChoice): string {
  try {
    const url = new URL(choice.url);
    return `${url.protocol}//${url.host}`;
  } catch {
    return `the proxy in ${choice.from}`;
  }
}
