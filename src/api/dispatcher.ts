/**
 * The connection pool a client sends through, and its lifetime. One keep-alive pool per
 * client, so every page and call reuses warm connections; created on the first request,
 * because importing undici costs about 150 ms; closed by the client's `close()`.
 */
import type { Dispatcher } from 'undici';
import { proxyForProtocol, type ProxySettings } from './proxy.js';

export interface DispatcherSettings {
  readonly origin: URL;
  readonly proxy: ProxySettings | undefined;
  readonly connectTimeoutMs: number;
  /** Idle timers, a second line behind the per-request deadline. */
  readonly idleTimeoutMs: number;
}

export class DispatcherHolder {
  private dispatcher: Promise<Dispatcher> | undefined;
  private owned = false;

  constructor(
    private readonly settings: DispatcherSettings,
    injected?: Dispatcher,
  ) {
    if (injected) this.dispatcher = Promise.resolve(injected);
  }

  get(): Promise<Dispatcher> {
    this.dispatcher ??= this.create();
    return this.dispatcher;
  }

  async close(): Promise<void> {
    if (!this.owned || this.dispatcher === undefined) return;
    const dispatcher = await this.dispatcher;
    this.dispatcher = undefined;
    await dispatcher.close();
  }

  private async create(): Promise<Dispatcher> {
    const { Agent, EnvHttpProxyAgent } = await import('undici');
    this.owned = true;
    const { origin, proxy, connectTimeoutMs, idleTimeoutMs } = this.settings;
    const agentOptions = {
      connect: { timeout: connectTimeoutMs },
      headersTimeout: idleTimeoutMs,
      bodyTimeout: idleTimeoutMs,
      keepAliveTimeout: 10_000,
    };
    const choice = proxyForProtocol(proxy, origin.protocol);
    if (choice === undefined) return new Agent(agentOptions);
    // Every value is passed explicitly ('' = none), so undici never reads process.env
    // itself, and a URL never uses the other scheme's proxy (as curl behaves; undici alone
    // would send https through HTTP_PROXY).
    const forHttps = origin.protocol === 'https:';
    return new EnvHttpProxyAgent({
      ...agentOptions,
      httpProxy: forHttps ? '' : choice.url,
      httpsProxy: forHttps ? choice.url : '',
      noProxy: proxy?.noProxy ?? '',
    });
  }
}
