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
    const [{ Agent, EnvHttpProxyAgent }, v8] = await Promise.all([
      import('undici'),
      import('node:v8'),
    ]);
    keepHttpParserOnBaselineTier(v8.setFlagsFromString);
    this.owned = true;
    const { origin, proxy, connectTimeoutMs, idleTimeoutMs } = this.settings;
    const agentOptions = {
      // HTTP/1.1 only, whatever undici's default: the bundle leaves its HTTP/2 client out
      // (scripts/build.mjs), and one connection per page or call is all a run needs.
      allowH2: false,
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

/**
 * undici parses HTTP with llhttp compiled to WebAssembly. V8 compiles it first with its
 * baseline compiler (Liftoff), then re-compiles hot functions with its optimising compiler
 * (TurboFan) on background threads, and a process cannot exit before those finish:
 * measured on Node 20 (2 cores), `plan` of 5 outplans waited ~100 ms after printing for a
 * compile whose result it never used. The few hundred small responses a run parses cost
 * microseconds on the baseline tier, so the optimising tier is turned off. The flag is
 * process-wide and exists in the V8 of every supported Node (20, 22, 24); V8 reads it
 * when llhttp is compiled, on the first request, which comes after this.
 */
function keepHttpParserOnBaselineTier(setFlagsFromString: (flags: string) => void): void {
  setFlagsFromString('--liftoff-only');
}
