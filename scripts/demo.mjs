#!/usr/bin/env node
// The first-run demo: the whole GitOps loop against the bundled emulator, narrated.
// validate -> plan (with one caller-ID warning) -> apply --yes -> plan (no changes) -> an
// out-of-band change through the API -> plan --detailed-exitcode (drift, exit 2) -> export.
// Exits 0 only if every step behaved as a user would expect, and leaves no process behind.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli', 'main.js');
const config = join('examples', 'strategies');
const colour = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (s) => (colour ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s) => (colour ? `\x1b[2m${s}\x1b[0m` : s);

function narrate(step, text) {
  process.stdout.write(
    `\n${bold(`── ${step} `)}${'─'.repeat(Math.max(0, 60 - step.length))}\n${text}\n`,
  );
}

const PORTING = '+15550003333';

async function startEmulator() {
  // The account's numbers: every caller ID in examples/strategies/ except one still being
  // ported, so the plan shows one caller-ID warning (VoIPBIN would substitute another number).
  const numbers = ['+15559876543', '+15559876544', '+15550001111', '+15550002222'];
  const args = ['emulator', '--port', '0', '--number', `${PORTING}:port_pending`];
  for (const number of numbers) args.push('--number', number);
  const child = spawn(process.execPath, [cli, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = createInterface({ input: child.stdout });
  let url;
  let accesskey;
  for await (const line of lines) {
    const [key, ...rest] = line.split(':');
    const value = rest.join(':').trim();
    if (key === 'url') url = value;
    if (key === 'accesskey') accesskey = value;
    if (url && accesskey) break;
  }
  if (!url || !accesskey) throw new Error('the emulator did not print its url and access key');
  return { child, url, accesskey };
}

/** Runs the CLI with its output shown; resolves with its stdout (also shown as it comes). */
function run(args, env, expectCodes = [0]) {
  process.stdout.write(`\n${dim('$')} outplanctl ${args.join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      process.stdout.write(dim(`(exit ${code})\n`));
      if (expectCodes.includes(code)) resolve(stdout);
      else
        reject(
          new Error(`outplanctl ${args[0]} exited ${code}, expected ${expectCodes.join(' or ')}`),
        );
    });
  });
}

async function outOfBandChange(url, accesskey) {
  // What a colleague clicking in the VoIPBIN console does: change the ring timeout.
  const auth = `accesskey=${encodeURIComponent(accesskey)}`;
  const page = await (await fetch(`${url}/outplans?page_size=100&${auth}`)).json();
  const target = page.result.find((o) => o.name === 'Sales Standard' && o.tm_delete === null);
  if (!target) throw new Error('Sales Standard was not found in the emulator');
  const body = { ...target, dial_timeout: 60000 };
  const res = await fetch(`${url}/outplans/${target.id}/dial_info?${auth}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`the out-of-band change failed with HTTP ${res.status}`);
  return target.name;
}

const work = mkdtempSync(join(tmpdir(), 'outplanctl-demo-'));
let emulator;
try {
  narrate('0. emulator', 'Starting the bundled VoIPBIN emulator on a free loopback port.');
  emulator = await startEmulator();
  process.stdout.write(`emulator listening at ${emulator.url}\n`);
  const env = { VOIPBIN_API_URL: emulator.url, VOIPBIN_ACCESSKEY: emulator.accesskey };

  narrate('1. validate', `Check ${config}/ against the schema and the dialing guide's advice.`);
  await run(['validate', config], env);

  narrate(
    '2. plan',
    'Diff the config against the (empty) live account: every outplan is a create. The\n' +
      "caller IDs are checked against the account's numbers: one is still being ported in.",
  );
  const planned = await run(['plan', config], env);
  const callerIdWarnings = planned.split('\n').filter((l) => / uses caller ID /.test(l));
  if (callerIdWarnings.length !== 1 || !callerIdWarnings[0].includes(PORTING)) {
    throw new Error(
      `expected one caller-ID warning about ${PORTING}, got ${callerIdWarnings.length}`,
    );
  }

  narrate('3. apply', 'Apply it. --yes because this is a script; on a terminal outplanctl asks.');
  await run(['apply', config, '--yes'], env);

  narrate('4. plan again', 'The account now matches the config: nothing to do.');
  await run(['plan', config, '--detailed-exitcode'], env);

  narrate('5. drift', 'Someone changes an outplan by hand, straight through the API.');
  const changed = await outOfBandChange(emulator.url, emulator.accesskey);
  process.stdout.write(`PUT /outplans/{id}/dial_info on "${changed}": dial_timeout 30s -> 60s\n`);

  narrate('6. detect', 'A scheduled drift check: exit code 2 means the account drifted.');
  await run(['plan', config, '--detailed-exitcode'], env, [2]);

  narrate('7. export', 'Adopt an existing account: write the live outplans as a config file.');
  await run(['export', '--out', join(work, 'exported.yaml')], env);
  const exported = readFileSync(join(work, 'exported.yaml'), 'utf8').split('\n');
  process.stdout.write(
    `${dim(exported.slice(0, 16).join('\n'))}\n${dim(`… (${exported.length} lines)`)}\n`,
  );
  narrate(
    '8. round trip',
    'The exported file describes the account exactly: planning it changes nothing.',
  );
  await run(['plan', join(work, 'exported.yaml'), '--detailed-exitcode'], env);

  narrate('done', 'Drift detected and the account exported. See README.md for CI recipes.');
} catch (error) {
  process.stderr.write(`\ndemo failed: ${error instanceof Error ? error.message : error}\n`);
  process.exitCode = 1;
} finally {
  if (emulator) {
    emulator.child.kill('SIGTERM');
    if (emulator.child.exitCode === null) await once(emulator.child, 'close');
  }
  rmSync(work, { recursive: true, force: true });
}
