/**
 * Caller IDs the account owns. VoIPBIN checks `source.target` only when a call is dialled:
 * unless it is exactly the `number` of one of the customer's numbers with type `normal`
 * and status `active`, the server silently substitutes the account's default outbound
 * number, or fails the call when there is none (../shared/reference/voipbin-numbers-api.md,
 * "Caller-ID relevance"). This applies the same rule at plan time, to every declared
 * outplan whose source is a `tel` caller ID; `sip` and other sources are not checked.
 */
import type { DesiredOutplan } from '../model/desired.js';
import { displayName, displayToken } from '../model/display.js';
import type { AccountNumber } from '../model/number.js';
import { comparePositions } from '../model/order.js';
import type { PlanWarning } from './types.js';

export type CallerIdMiss = 'not-owned' | 'not-active' | 'virtual' | 'unverified';

/** A plan warning about one caller ID, with what a policy needs to name it. */
export interface CallerIdWarning extends PlanWarning {
  readonly code: `caller-id-${CallerIdMiss}`;
  readonly miss: CallerIdMiss;
  /** The outplan's name; null for the one "could not be verified" warning. */
  readonly outplan: string | null;
  /** The caller ID as declared; null for the "could not be verified" warning. */
  readonly number: string | null;
}

const WHAT_VOIPBIN_DOES =
  "On every call VoIPBIN will silently use the account's default outbound number instead, " +
  'or fail the call if the account has none.';

/**
 * One warning per declared `tel` caller ID that the server's rule rejects. `numbers` is
 * the account's number listing, or null when it could not be listed: then one warning
 * says the caller IDs could not be verified (when any outplan has a `tel` source).
 */
export function checkCallerIds(
  desired: readonly DesiredOutplan[],
  numbers: readonly AccountNumber[] | null,
): CallerIdWarning[] {
  const checked = desired.filter((d) => d.fields.source.type === 'tel');
  if (checked.length === 0) return [];
  if (numbers === null) return [unverified(checked.length)];
  const byNumber = new Map<string, AccountNumber[]>();
  for (const n of numbers) {
    const list = byNumber.get(n.number);
    if (list) list.push(n);
    else byNumber.set(n.number, [n]);
  }
  const warnings: CallerIdWarning[] = [];
  for (const outplan of [...checked].sort((a, b) => comparePositions(a.at, b.at))) {
    const target = outplan.fields.source.target;
    const rows = byNumber.get(target) ?? [];
    if (rows.some(usable)) continue;
    warnings.push(miss(outplan, target, rows));
  }
  return warnings;
}

/** The server's rule, exactly: a `normal` number whose status is `active`. */
function usable(n: AccountNumber): boolean {
  return n.type === 'normal' && n.status === 'active';
}

function miss(
  outplan: DesiredOutplan,
  target: string,
  rows: readonly AccountNumber[],
): CallerIdWarning {
  const who = `Outplan ${displayName(outplan.fields.name)} uses caller ID ${target === '' ? '""' : displayToken(target)}`;
  const at = outplan.fieldAt.source ?? outplan.at;
  const base = { outplan: outplan.fields.name, number: target, at };
  const normal = rows.find((n) => n.type === 'normal');
  if (normal) {
    return {
      ...base,
      code: 'caller-id-not-active',
      miss: 'not-active',
      message: `${who}, a number of this account whose status is ${displayName(normal.status)}, not "active". ${WHAT_VOIPBIN_DOES}`,
      hint: 'Use an active number from `GET /numbers`, or wait until this one is active (a port or a renewal may be pending).',
    };
  }
  if (rows.length > 0) {
    return {
      ...base,
      code: 'caller-id-virtual',
      miss: 'virtual',
      message: `${who}, a virtual number of this account: a virtual number is never a PSTN caller ID. ${WHAT_VOIPBIN_DOES}`,
      hint: 'Use one of the account\'s active numbers of type "normal" as source.target.',
    };
  }
  return {
    ...base,
    code: 'caller-id-not-owned',
    miss: 'not-owned',
    message: `${who}, which is not a number of this account (perhaps another customer's, released, or mistyped). ${WHAT_VOIPBIN_DOES}`,
    hint: 'Check source.target against `GET /numbers` (the caller ID must match a listed number exactly, with its leading +).',
  };
}

function unverified(count: number): CallerIdWarning {
  return {
    code: 'caller-id-unverified',
    miss: 'unverified',
    outplan: null,
    number: null,
    at: null,
    message:
      `The caller IDs of ${count} outplan${count === 1 ? '' : 's'} could not be verified: the account's ` +
      'numbers could not be listed. A caller ID VoIPBIN does not accept is replaced by the default ' +
      'outbound number, or the call fails.',
    hint: 'Check that the credential may list numbers (GET /numbers), then plan again.',
  };
}
