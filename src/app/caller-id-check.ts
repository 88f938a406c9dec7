/**
 * Caller IDs at plan time: the account's numbers, read alongside the outplans, judged by
 * the planner's `checkCallerIds`; `policy.require_owned_caller_ids` turns every miss into a
 * violation. VoIPBIN checks a caller ID only when a call is dialled (and then silently
 * substitutes the default number), so this is the one place a wrong one can be caught early.
 */
import type { LoadedConfig } from '../config/load.js';
import type { DesiredOutplan } from '../model/desired.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { formatPosition } from '../model/diagnostic.js';
import { ConfigError, messageOf, OutplanctlError } from '../model/errors.js';
import type { AccountNumber } from '../model/number.js';
import { checkCallerIds } from '../plan/caller-ids.js';
import type { Host, OutplanApi } from './ports.js';

/** What the numbers read found: not needed, the listing, or why it failed. */
export type NumbersRead =
  | { readonly kind: 'not-needed' }
  | { readonly kind: 'listed'; readonly numbers: readonly AccountNumber[] }
  | { readonly kind: 'failed'; readonly error: unknown };

/** Only a `tel` source is a caller ID VoIPBIN checks against the account's numbers. */
export function declaresTelCallerId(outplans: readonly DesiredOutplan[]): boolean {
  return outplans.some((o) => o.fields.source.type === 'tel');
}

/**
 * Lists the numbers when some outplan has a `tel` source (otherwise no request at all).
 * Never throws: a failed listing is a finding (the caller IDs are unverified), judged by
 * `callerIdRefusal` under the policy and a warning without it. `early` is a listing started
 * before the config was parsed (see `startNumbersEarly`); it is used when the config does
 * declare a `tel` source, and dropped, failure included, when it does not.
 */
export async function readNumbers(
  api: Pick<OutplanApi, 'listNumbers'>,
  outplans: readonly DesiredOutplan[],
  early?: Promise<NumbersRead | undefined>,
): Promise<NumbersRead> {
  if (!declaresTelCallerId(outplans)) return { kind: 'not-needed' };
  return (await early) ?? listNumbers(api);
}

/**
 * The numbers listing, started with the outplan listing when the config's text already
 * shows a `tel` source (`ConfigSource.mayDeclareTelCallerIds`), instead of after the config
 * is parsed: the two listings then overlap instead of following each other. Undefined when
 * the text shows none, and the config is parsed first, as without the hint. Never rejects.
 */
export async function startNumbersEarly(
  api: Pick<OutplanApi, 'listNumbers'>,
  mayDeclareTel: Promise<boolean> | undefined,
): Promise<NumbersRead | undefined> {
  if (mayDeclareTel === undefined || !(await mayDeclareTel.catch(() => false))) return undefined;
  return listNumbers(api);
}

async function listNumbers(api: Pick<OutplanApi, 'listNumbers'>): Promise<NumbersRead> {
  try {
    return { kind: 'listed', numbers: await api.listNumbers() };
  } catch (error) {
    return { kind: 'failed', error };
  }
}

/** The planner's input: the listing, null (unverified), or undefined (nothing to check). */
export function numbersForPlan(read: NumbersRead): readonly AccountNumber[] | null | undefined {
  if (read.kind === 'listed') return read.numbers;
  return read.kind === 'failed' ? null : undefined;
}

/** The account's numbers could not be listed under the policy: exit 1, nothing written. */
export class CallerIdsUnverifiedError extends OutplanctlError {
  readonly kind = 'api';
}

/**
 * Under `require_owned_caller_ids`, every miss as a policy violation at the outplan's
 * `source` (exit 3, like every policy violation), or an error when the numbers could not
 * be listed (exit 1: nothing proves the caller IDs). Null when the rule is off or all pass.
 */
export function callerIdRefusal(loaded: LoadedConfig, read: NumbersRead): OutplanctlError | null {
  const rule = loaded.policy?.requireOwnedCallerIds;
  if (!rule || read.kind === 'not-needed') return null;
  const declared = `Rule policy.require_owned_caller_ids is declared at ${formatPosition(rule.at)}.`;
  if (read.kind === 'failed') {
    return new CallerIdsUnverifiedError(
      'CALLER_IDS_UNVERIFIED',
      `The account's numbers could not be listed (${messageOf(read.error)}), so the caller IDs ` +
        'cannot be verified as policy.require_owned_caller_ids requires; nothing was changed.',
      {
        hint: `Check that the credential may list numbers (GET /numbers), then run again. ${declared}`,
        cause: read.error,
      },
    );
  }
  const misses = checkCallerIds(loaded.state.outplans, read.numbers);
  if (misses.length === 0) return null;
  const diagnostics: Diagnostic[] = misses.map((miss) => ({
    severity: 'error',
    code: 'policy-violation',
    message: `${miss.message} (policy.require_owned_caller_ids)`,
    hint: `${miss.hint ?? ''} ${declared}`.trim(),
    ...(miss.at ? { at: miss.at } : {}),
    related: [rule.at],
  }));
  const count = misses.length;
  return new ConfigError(
    diagnostics,
    `${count} caller ID${count === 1 ? ' breaks' : 's break'} policy.require_owned_caller_ids; nothing was changed.`,
  );
}

/** Without the policy, a failed listing is said once on stderr with its cause. */
export async function warnIfUnverified(
  loaded: LoadedConfig,
  read: NumbersRead,
  host: Host,
): Promise<void> {
  if (read.kind !== 'failed' || loaded.policy?.requireOwnedCallerIds) return;
  await host.notify({
    type: 'warning',
    code: 'CALLER_IDS_UNVERIFIED',
    message: `the account's numbers could not be listed (${messageOf(read.error)}); the caller IDs are not verified.`,
  });
}
