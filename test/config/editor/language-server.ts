import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * A minimal Language Server Protocol client for yaml-language-server over stdio: what an
 * editor with Red Hat's YAML extension does, reduced to opening documents and reading the
 * diagnostics and hovers the server publishes. Offline: the schema store and the
 * Kubernetes CRD store are off, and any HTTP fetch goes to a closed local port.
 */
export interface LspDiagnostic {
  readonly message: string;
  readonly severity: number;
  readonly range: { start: { line: number; character: number } };
}

const SETTINGS = {
  yaml: {
    validate: true,
    hover: true,
    completion: false,
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
  },
  http: { proxy: 'http://127.0.0.1:9', proxyStrictSSL: true },
};

/** How long one answer may take before the test fails (the server answers in milliseconds). */
const ANSWER_TIMEOUT_MS = 20_000;

export class YamlLanguageServer {
  private readonly child: ChildProcess;
  private buffer = Buffer.alloc(0);
  private nextId = 0;
  private version = 0;
  private readonly replies = new Map<number, (result: unknown) => void>();
  private readonly published = new Map<string, (diagnostics: LspDiagnostic[]) => void>();
  private readonly stderr: string[] = [];

  private constructor() {
    const require = createRequire(import.meta.url);
    const packageJson = require.resolve('yaml-language-server/package.json');
    const bin = join(dirname(packageJson), 'bin', 'yaml-language-server');
    this.child = spawn(process.execPath, [bin, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '' },
    });
    this.child.stdout!.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr!.setEncoding('utf8').on('data', (text: string) => this.stderr.push(text));
  }

  static async start(rootUri: string): Promise<YamlLanguageServer> {
    const server = new YamlLanguageServer();
    await server.request('initialize', {
      processId: process.pid,
      rootUri,
      capabilities: { workspace: { configuration: true } },
    });
    server.notify('initialized', {});
    server.notify('workspace/didChangeConfiguration', { settings: SETTINGS });
    return server;
  }

  /** Opens a document and resolves with the first diagnostics published for it. */
  async diagnose(uri: string, text: string): Promise<LspDiagnostic[]> {
    const diagnostics = await this.open(uri, text);
    this.notify('textDocument/didClose', { textDocument: { uri } });
    return diagnostics;
  }

  /** The hover text at a position of a document (0-based line and character). */
  async hover(uri: string, text: string, line: number, character: number): Promise<string> {
    await this.open(uri, text);
    const result = (await this.request('textDocument/hover', {
      textDocument: { uri },
      position: { line, character },
    })) as { contents?: { value?: string } | string } | null;
    this.notify('textDocument/didClose', { textDocument: { uri } });
    const contents = result?.contents;
    const markdown = typeof contents === 'string' ? contents : (contents?.value ?? '');
    return markdown.replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1'); // Markdown escapes
  }

  private open(uri: string, text: string): Promise<LspDiagnostic[]> {
    const published = this.within(
      new Promise<LspDiagnostic[]>((resolve) => this.published.set(uri, resolve)),
      `diagnostics for ${uri}`,
    );
    this.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: ++this.version, text },
    });
    return published;
  }

  async stop(): Promise<void> {
    await this.request('shutdown', null).catch(() => undefined);
    this.notify('exit', null);
    this.child.kill();
  }

  private request(method: string, params: unknown): Promise<unknown> {
    const id = ++this.nextId;
    const reply = new Promise<unknown>((resolve) => this.replies.set(id, resolve));
    this.send({ id, method, params });
    return this.within(reply, method);
  }

  private notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  private send(message: Record<string, unknown>): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.child.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin!.write(body);
  }

  private within<T>(promise: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(`yaml-language-server gave no ${what} in time\n${this.stderr.join('')}`),
          ),
        ANSWER_TIMEOUT_MS,
      );
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd === -1) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = Number(/Content-Length: *(\d+)/i.exec(header)?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.handle(JSON.parse(body) as Record<string, unknown>);
    }
  }

  private handle(message: Record<string, unknown>): void {
    const { id, method, params, result } = message as {
      id?: number;
      method?: string;
      params?: { items?: { section?: string }[]; uri?: string; diagnostics?: LspDiagnostic[] };
      result?: unknown;
    };
    if (method !== undefined && id !== undefined) {
      // A request from the server: settings by section, nothing else is needed.
      const answer =
        method === 'workspace/configuration'
          ? (params?.items ?? []).map(
              (item) => SETTINGS[item.section as keyof typeof SETTINGS] ?? null,
            )
          : null;
      this.send({ id, result: answer });
    } else if (method === 'textDocument/publishDiagnostics' && params?.uri !== undefined) {
      const waiting = this.published.get(params.uri);
      this.published.delete(params.uri);
      waiting?.(params.diagnostics ?? []);
    } else if (id !== undefined) {
      this.replies.get(id)?.(result);
      this.replies.delete(id);
    }
  }
}
