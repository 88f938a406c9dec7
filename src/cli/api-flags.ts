import type { Command } from 'commander';
import type { ApiFlags } from './api-client-from-env.js';
import { UsageError } from '../model/errors.js';

/** The flags every API-calling command shares. */
export function addApiOptions(command: Command): Command {
  return command
    .option(
      '--api-url <url>',
      'VoIPBIN API base URL (default: $VOIPBIN_API_URL, else https://api.voipbin.net/v1.0)',
    )
    .option(
      '--rate <n>',
      'client-side request pacing in requests/s, or "unlimited" (default 15; VoIPBIN allows ~17/s)',
    )
    .option(
      '--timeout <ms>',
      'deadline of one request in milliseconds: connect, headers and the whole body (default 20000; with retries a call gives up after 2.25 times this, 45 s by default)',
    )
    .option(
      '--max-list-items <n>',
      'refuse a listing (outplans, campaigns, numbers) longer than this many rows (default 200000)',
    );
}

export interface RawApiOptions {
  apiUrl?: string;
  rate?: string;
  timeout?: string;
  maxListItems?: string;
}

export function apiFlagsFrom(options: RawApiOptions): ApiFlags {
  const flags: ApiFlags = {};
  if (options.apiUrl !== undefined) flags.apiUrl = options.apiUrl;
  if (options.rate !== undefined) flags.rate = parseRate(options.rate);
  if (options.timeout !== undefined) flags.timeoutMs = positiveNumber('--timeout', options.timeout);
  if (options.maxListItems !== undefined) {
    flags.maxListItems = positiveInteger('--max-list-items', options.maxListItems);
  }
  return flags;
}

function parseRate(text: string): number {
  if (text === 'unlimited' || text === 'off') return Number.POSITIVE_INFINITY;
  return positiveNumber('--rate', text);
}

export function positiveNumber(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError('INVALID_FLAG', `${flag} must be a positive number, got "${text}".`);
  }
  return value;
}

export function positiveInteger(flag: string, text: string): number {
  const value = positiveNumber(flag, text);
  if (!Number.isInteger(value)) {
    throw new UsageError('INVALID_FLAG', `${flag} must be a whole number, got "${text}".`);
  }
  return value;
}
