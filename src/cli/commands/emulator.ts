import type { Command } from 'commander';
import { isLoopbackHost } from '../../api/base-url.js';
import { InternalError, OutplanctlError, UsageError } from '../../model/errors.js';
import { parseDuration } from '../../model/duration.js';
import type { EmulatorOptions } from '../../emulator/index.js';
import type { CommandContext } from '../command-context.js';

interface EmulatorFlags {
  host: string;
  port: string;
  accesskey?: string[];
  state?: string;
  latency?: string;
  readLag?: string;
  rateLimit?: string;
  faults?: string;
  seed?: string;
  number?: string[];
}

const FAULTS_HELP = `
Fault spec (--faults): comma-separated rules TARGET=KIND:PROBABILITY[:TIMES]
  TARGET       *  |  METHOD PATH  |  METHOD *  |  PATH      (PATH relative to /v1.0)
               e.g. "POST /outplans", "PUT /outplans/{id}/dial_info", "GET *", "/outplans/{id}"
  KIND         500 | 503 | reset | silent | echo-url            nothing is done
               commit-then-fail | commit-then-reset            done, the answer is lost
               trickle | huge | echo-id                        done, answered badly
               page-cycle | page-fresh-token | page-repeat     list pages break the cursor
               reset: close without an answer; silent: never answer; commit-then-fail:
               do it (a create is stored), then 503 REQUEST_TIMEOUT; trickle: 1 byte/s;
               huge: 1 GiB body; echo-*: request id / error echo the URL WITH the key;
               page-cycle: the end page is the first page again (A->B->A); page-fresh-token:
               a new, later token on every page; page-repeat: pages overlap by one row.
  PROBABILITY  0..1 per matching request; TIMES (optional) caps how often the rule fires.
  Example: --faults "POST /outplans=commit-then-fail:0.5,GET /outplans=500:0.1,*=reset:0.05" --seed 7

Numbers (--number, repeatable): E164[:STATUS][:virtual][@CUSTOMER]
  STATUS     default active; any other word (inactive, port_pending, ...) makes the number
             unusable as a caller ID, as on VoIPBIN
  virtual    a free +899 number (never a PSTN caller ID)
  @CUSTOMER  1-based position of the --accesskey that owns it (default 1)
  Example: --number +15559876543 --number +15550001111:port_pending --number +899123456789:virtual

On start, stdout gets one "url: <base URL>" line and one "accesskey: <key>" line per key.
Stops on SIGINT/SIGTERM, saving --state first. Behaviour: docs/emulator.md.`;

export function registerEmulatorCommand(program: Command, context: CommandContext): void {
  program
    .command('emulator')
    .description(
      'Run a local VoIPBIN API emulator (outplans, campaigns, numbers) for tests and demos.',
    )
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '0')
    .option(
      '--accesskey <key>',
      'accept this access key; repeat for more customers (default: one generated key)',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option('--state <file>', 'keep outplans and campaigns in FILE across restarts')
    .option('--latency <duration>', 'delay added to every response, e.g. 20ms')
    .option(
      '--read-lag <duration>',
      'list pages miss writes younger than this (like the service briefly can), e.g. 2s',
    )
    .option('--rate-limit <n>', 'requests per second per customer (burst 2x); over it: 429')
    .option('--faults <spec>', 'inject failures (syntax below)')
    .option('--seed <n>', 'seed for reproducible fault injection')
    .option(
      '--number <spec>',
      'a number the account holds, E164[:STATUS][:virtual][@CUSTOMER]; repeatable (syntax below)',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .addHelpText('after', FAULTS_HELP)
    .action(async (flags: EmulatorFlags) => {
      const options = emulatorOptions(flags);
      const { startEmulator, FaultSpecError, NumberSpecError } =
        await import('../../emulator/index.js');
      let emulator;
      try {
        emulator = await startEmulator(options);
      } catch (error) {
        if (error instanceof OutplanctlError) throw error;
        if (error instanceof FaultSpecError)
          throw new UsageError('INVALID_FAULTS', `--faults: ${error.message}`);
        if (error instanceof NumberSpecError)
          throw new UsageError('INVALID_NUMBER', `--number: ${error.message}`);
        throw new UsageError(
          'EMULATOR_LISTEN_FAILED',
          `Cannot listen on ${flags.host}:${flags.port}: ${(error as Error).message}`,
          { hint: 'Pick another --port (0 picks a free one) or --host.', cause: error },
        );
      }
      const { io } = context;
      io.stdout.write(`url: ${emulator.baseUrl}\n`);
      for (const key of emulator.accessKeys) io.stdout.write(`accesskey: ${key}\n`);
      if (!isLoopbackHost(flags.host))
        io.stderr.write(`Warning: listening on ${flags.host}, not a loopback address.\n`);
      io.stderr.write(
        `VoIPBIN emulator at ${emulator.baseUrl} (${emulator.accessKeys.length} customer(s)). Stop with Ctrl-C.\n`,
      );
      const signal = await io.untilSignal();
      try {
        await emulator.close();
      } catch (error) {
        throw new InternalError(
          'EMULATOR_STATE_SAVE_FAILED',
          `Could not save the emulator state: ${(error as Error).message}`,
          { cause: error },
        );
      }
      io.stderr.write(
        `Emulator stopped (${signal})${flags.state ? `; state saved to ${flags.state}` : ''}.\n`,
      );
      context.exitCode = 0;
    });
}

function emulatorOptions(flags: EmulatorFlags): EmulatorOptions {
  const usage = (code: string, message: string) => new UsageError(code, message);
  if (!/^\d+$/.test(flags.port) || Number(flags.port) > 65535)
    throw usage('INVALID_PORT', `--port must be an integer from 0 to 65535 (got "${flags.port}").`);
  if (flags.host.trim() === '') throw usage('INVALID_HOST', '--host must not be empty.');
  const keys = flags.accesskey ?? [];
  // No key values in messages: they are credentials.
  if (keys.some((k) => k === '' || /\s/.test(k)))
    throw usage('INVALID_ACCESSKEY', '--accesskey values must be non-empty and contain no spaces.');
  if (new Set(keys).size !== keys.length)
    throw usage('DUPLICATE_ACCESSKEY', 'The same --accesskey is given twice.');
  const options: EmulatorOptions = {
    host: flags.host,
    port: Number(flags.port),
    accessKeys: keys,
    // Nothing reads the request log of a standalone emulator: keep none.
    maxRequestLog: 0,
  };
  if (flags.state !== undefined) {
    if (flags.state === '') throw usage('INVALID_STATE', '--state needs a file path.');
    options.statePath = flags.state;
  }
  if (flags.latency !== undefined)
    options.latencyMs = parseDurationFlag('--latency', flags.latency);
  if (flags.readLag !== undefined)
    options.readLagMs = parseDurationFlag('--read-lag', flags.readLag);
  if (flags.rateLimit !== undefined) {
    const rate = Number(flags.rateLimit);
    if (!/^\d*\.?\d+$/.test(flags.rateLimit) || !(rate > 0))
      throw usage(
        'INVALID_RATE_LIMIT',
        `--rate-limit must be a positive number of requests per second (got "${flags.rateLimit}").`,
      );
    options.rateLimit = rate;
  }
  if (flags.seed !== undefined) {
    if (!/^\d+$/.test(flags.seed) || Number(flags.seed) > 0xffffffff)
      throw usage(
        'INVALID_SEED',
        `--seed must be an integer from 0 to 4294967295 (got "${flags.seed}").`,
      );
    options.seed = Number(flags.seed);
  }
  if (flags.faults !== undefined) options.faults = flags.faults;
  if (flags.number !== undefined) options.numbers = flags.number;
  return options;
}

function parseDurationFlag(flag: string, text: string): number {
  if (text === '0') return 0;
  const parsed = parseDuration(text);
  if (parsed.ok) return parsed.ms;
  if (parsed.reason === 'zero') return 0;
  throw new UsageError(
    flag === '--latency' ? 'INVALID_LATENCY' : 'INVALID_READ_LAG',
    `${flag} must be a duration like 20ms, 1s or 1m30s (got "${text}").`,
  );
}
