import {
  ConfigError,
  EXIT_CODES,
  OutplanctlError,
  exitCodeFor,
  messageOf,
} from '../model/errors.js';
import { redactText } from '../api/redact.js';
import { secretsFromEnv } from '../api/secrets.js';
import { writeDiagnostics } from './diagnostics-output.js';
import type { OutputStream } from './io.js';

/**
 * Turns any thrown value into a message on stderr and an exit code. Typed errors print
 * their message and hint; anything else is a bug, reported as such. Stacks only with --debug.
 */
export function reportError(
  error: unknown,
  stderr: OutputStream,
  debug: boolean,
  env: Readonly<Record<string, string | undefined>> = {},
): number {
  if (error instanceof ConfigError) writeDiagnostics(error.diagnostics, { stderr, env });
  stderr = redactingStream(stderr, env);
  if (error instanceof OutplanctlError) {
    stderr.write(`error: ${error.message}\n`);
    if (error.hint) stderr.write(`  ${error.hint.replace(/\n/g, '\n  ')}\n`);
    if (debug && error.stack) stderr.write(`\n${error.stack}\n`);
    return exitCodeFor(error.kind);
  }
  const message = messageOf(error);
  stderr.write(`error: internal error: ${message}\n`);
  stderr.write(
    debug && error instanceof Error && error.stack
      ? `\n${error.stack}\n`
      : '  This is a bug in outplanctl. Run again with --debug for details and report it.\n',
  );
  return EXIT_CODES.failure;
}

/**
 * The last line of defence: whatever reaches the user through here, a bug's message or a
 * stack included, never shows the credential values of this environment.
 */
function redactingStream(
  stream: OutputStream,
  env: Readonly<Record<string, string | undefined>>,
): OutputStream {
  // The one secret list (credentials, proxy user names and passwords), in every form an
  // echo can take; values shorter than 4 characters would only garble the message.
  const secrets = secretsFromEnv(env).filter((value) => value.length >= 4);
  if (secrets.length === 0) return stream;
  return {
    isTTY: stream.isTTY,
    write: (chunk: string) => stream.write(redactText(chunk, secrets)),
  };
}
