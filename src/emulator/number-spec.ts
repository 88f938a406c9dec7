/**
 * `--number E164[:STATUS][:virtual][@CUSTOMER]`: a number the emulator's account holds.
 *
 *   +15551234567                 normal, active, first customer
 *   +15551234567:port_pending    normal, not usable as a caller ID
 *   +899123456789:virtual        a free virtual number (active)
 *   +15557654321@2               the customer of the second --accesskey
 *
 * STATUS is any word the service may store (`active`, `inactive`, `port_pending`, …)
 * except `deleted`: a deleted number is never listed, so seeding one is pointless.
 */
import { E164_NUMBER, VIRTUAL_NUMBER, type NumberType } from './number-records.js';

export interface NumberSpec {
  readonly number: string;
  readonly status: string;
  readonly type: NumberType;
  /** 1-based position of the customer's access key. */
  readonly customer: number;
}

export class NumberSpecError extends Error {}

const STATUS = /^[A-Za-z][A-Za-z0-9_-]*$/;

export function parseNumberSpec(text: string): NumberSpec {
  const fail = (why: string) =>
    new NumberSpecError(`"${text}" ${why} (expected E164[:STATUS][:virtual][@CUSTOMER])`);
  const at = text.lastIndexOf('@');
  const customerText = at < 0 ? '1' : text.slice(at + 1);
  if (!/^[1-9]\d*$/.test(customerText)) throw fail('has a bad @CUSTOMER: use 1, 2, …');
  const [number = '', ...rest] = (at < 0 ? text : text.slice(0, at)).split(':');
  if (!E164_NUMBER.test(number))
    throw fail('does not start with an E.164 number like +15551234567');
  if (rest.length > 2) throw fail('has too many parts');
  let type: NumberType = 'normal';
  let status: string | undefined;
  for (const part of rest) {
    if (part === 'virtual' || part === 'normal') type = part;
    else if (status !== undefined || !STATUS.test(part)) throw fail(`has a bad part "${part}"`);
    else status = part;
  }
  if (status === 'deleted')
    throw fail('is deleted: a deleted number is never listed; leave it out instead');
  if (type === 'virtual' && !VIRTUAL_NUMBER.test(number))
    throw fail('is virtual but not +899 and nine digits');
  return { number, status: status ?? 'active', type, customer: Number(customerText) };
}
