/**
 * The baseline of the `plan-5` target: the same list requests the CLI's `plan` makes,
 * with nothing but `node:http` — page GET /outplans until an empty page, keep the rows.
 * No undici, no config, no validation: what a Node process must pay at the least to ask
 * the server. Run as its own process, like the CLI.
 *   env VOIPBIN_API_URL, VOIPBIN_ACCESSKEY; prints `rows=N requests=M` on stdout.
 */
import { Agent, get } from 'node:http';

function getJson(url: string, agent: Agent): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (response) => {
      const parts: Buffer[] = [];
      response.on('data', (chunk: Buffer) => parts.push(chunk));
      response.on('end', () => {
        try {
          resolve({
            status: response.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(parts).toString('utf8')),
          });
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      response.on('error', reject);
    }).on('error', reject);
  });
}

async function main(): Promise<void> {
  const base = process.env.VOIPBIN_API_URL ?? '';
  const key = process.env.VOIPBIN_ACCESSKEY ?? '';
  const agent = new Agent({ keepAlive: true });
  const rows: unknown[] = [];
  let token = '';
  let requests = 0;
  for (;;) {
    const query = new URLSearchParams({ page_size: '100', accesskey: key });
    if (token !== '') query.set('page_token', token);
    const { status, body } = await getJson(`${base}/outplans?${query.toString()}`, agent);
    requests++;
    if (status !== 200) throw new Error(`HTTP ${status}`);
    const page = body as { result: unknown[]; next_page_token: string };
    if (page.result.length === 0) break;
    rows.push(...page.result);
    token = page.next_page_token;
  }
  agent.destroy();
  process.stdout.write(`rows=${rows.length} requests=${requests}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bare lister failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
