/**
 * What the use cases need from the outside world, as ports. The CLI plugs in the undici
 * client, the real clock and a terminal host; tests plug in the in-process emulator, a fake
 * clock and a recording host. Nothing in src/app reads argv, env, a TTY or a timer itself.
 */
import type { ApplyClient } from '../apply/index.js';
import type { LoadedConfig } from '../config/load.js';
import type { Campaign } from '../model/campaign.js';
import type { AccountNumber } from '../model/number.js';
import type { LiveOutplan } from '../model/outplan.js';
import type { AppEvent, ConfirmRequest } from './events.js';

/** The VoIPBIN calls the use cases make (`VoipbinClient` satisfies it). */
export interface OutplanApi extends ApplyClient {
  /** Every live outplan, all pages; fails as a whole rather than return a partial list. */
  listOutplans(): Promise<LiveOutplan[]>;
  listCampaigns(): Promise<Campaign[]>;
  /** The account's numbers (caller-ID check); fails as a whole, like the other listings. */
  listNumbers(): Promise<AccountNumber[]>;
}

/** Time, and the only way a use case may wait (so tests run waits instantly). */
export interface Clock {
  now(): Date;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * Where a use case reports what it does and asks what it may not decide alone (what the
 * CDK toolkit calls its IO host). A terminal host prints and prompts; a CI host never asks.
 */
export interface Host {
  notify(event: AppEvent): void | Promise<void>;
  /** Only asked when the request said a confirmation is wanted; false cancels the run. */
  confirm(request: ConfirmRequest): Promise<boolean>;
}

/** Reads the config (files, YAML, schema); never throws for anything wrong in the files. */
export interface ConfigSource {
  load(paths: readonly string[], options: { strict: boolean }): Promise<LoadedConfig>;
  /**
   * Whether the config's text shows a `tel` source, read before the config is parsed so
   * the account's numbers can be listed alongside the outplans. A hint only: `false` when
   * unsure (the numbers are then listed once the config is parsed), and a `true` that the
   * parsed config contradicts only costs a listing whose result is dropped.
   */
  mayDeclareTelCallerIds?(paths: readonly string[]): Promise<boolean>;
}

/** Receives the audit record of an apply run (`--report`); absent when none was asked for. */
export interface AuditSink {
  write(report: Record<string, unknown>): Promise<void>;
}

/**
 * Subscribes to the user's request to stop (Ctrl-C, SIGTERM) for the duration of the calls;
 * returns a function that unsubscribes. A second request is the host's to handle.
 */
export type InterruptSource = (handler: (signal: string) => void) => () => void;
