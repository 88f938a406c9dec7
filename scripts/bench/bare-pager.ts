/**
 * The baseline of the `targets` scenario: the least a program can do to read every
 * outplan — page GET /outplans with undici (the client's HTTP library) until an empty
 * page, keeping the rows. No validation, no pacing, no retries, no config. Run as its own
 * process so it pays node's start-up and the undici import exactly like the CLI.
 *   env VOIPBIN_API_URL, VOIPBIN_ACCESSKEY; prints `rows=N requests=M` on stdout.
 */
import { Agent, request } from 'undici';

async function main(): Promise<void> {
  const base = process.env.VOIPBIN_API_URL ?? '';
  const key = process.env.VOIPBIN_ACCESSKEY ?? '';
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  const rows: unknown[] = [];
  let token = '';
  let requests = 0;
  for (;;) {
    const query = new URLSearchParams({ page_size: '100', accesskey: key });
    if (token !== '') query.set('page_token', token);
    const response = await request(`${base}/outplans?${query.toString()}`, { dispatcher: agent });
    requests++;
    if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}`);
    const page = (await response.body.json()) as { result: unknown[]; next_page_token: string };
    if (page.result.length === 0) break;
    rows.push(...page.result);
    token = page.next_page_token;
  }
  await agent.close();
  process.stdout.write(`rows=${rows.length} requests=${requests}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bare pager failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
