/**
 * Everything a use case tells its host, as data. The terminal host turns these into lines
 * on stderr (and the plan on stdout); tests record them. Events carry no credential: URLs
 * in them are already sanitised, and API errors were redacted by the client.
 */
import type { ApplyEvent, ApplyResult } from '../apply/index.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Plan } from '../plan/index.js';

export type ApplySourceKind = 'config' | 'saved-plan';

export type AppEvent =
  /** Config warnings (errors never get here: they fail the run with a ConfigError). */
  | { readonly type: 'config-warnings'; readonly diagnostics: readonly Diagnostic[] }
  /** Something the run carries on without, but the user should know. */
  | { readonly type: 'warning'; readonly code: string; readonly message: string }
  /** The plan an apply is about to carry out, before any question or call. */
  | { readonly type: 'plan-ready'; readonly plan: Plan }
  | {
      readonly type: 'nothing-to-apply';
      /**
       * `no-changes`: the config matches the account. `saved-plan-empty`: the saved plan
       * holds no call. `already-applied`: the account already is the saved plan's end state.
       */
      readonly reason: 'no-changes' | 'saved-plan-empty' | 'already-applied';
    }
  | { readonly type: 'apply-started'; readonly calls: number; readonly concurrency: number }
  | ApplyEvent
  | { readonly type: 'interrupted'; readonly signal: string }
  | {
      readonly type: 'apply-finished';
      readonly result: ApplyResult;
      readonly source: ApplySourceKind;
    }
  /**
   * The run pauses: read-lag re-checks here, Retry-After and backoff in the API client.
   * `reason` reads after "Waiting N s for ", e.g. "the listing to show this run's changes".
   */
  | { readonly type: 'wait'; readonly reason: string; readonly ms: number }
  | { readonly type: 'cancelled' }
  /** The closing check: the live account matches. */
  | { readonly type: 'verified' }
  /** The closing check found differences (the run exits 1). */
  | {
      readonly type: 'not-converged';
      readonly remaining: readonly string[];
      /** What to run next; empty when the run's summary already said it (a call failed). */
      readonly next: string;
    }
  /** The closing check could not list the account (the run exits 1: nothing proves a match). */
  | { readonly type: 'unverified'; readonly message: string };

/** What the host is asked before the first write of an interactive apply. */
export interface ConfirmRequest {
  readonly kind: 'apply';
  readonly calls: number;
  readonly apiUrl: string;
  readonly plan: Plan;
}
