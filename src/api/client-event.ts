/**
 * What the client reports while it works, for `--debug` traces and the audit record.
 * Every `url` is redacted; no event carries a header or a credential.
 *
 * `wait` is the one a user should always see (not only with --debug): the client is about
 * to sleep `ms` milliseconds (a Retry-After, a backoff, a re-list after a create whose
 * outcome is unknown) and `reason` says what for, as a phrase that follows
 * "Waiting N s for " (e.g. `a retry of GET https://…/outplans?… (it answered 429 with
 * Retry-After 5 s)`).
 * It is emitted only for waits of at least `WAIT_NOTICE_MS` (3 s).
 */
export type ClientEvent =
  | { type: 'request'; method: string; url: string; attempt: number }
  | {
      type: 'response';
      method: string;
      url: string;
      attempt: number;
      status: number;
      requestId: string | null;
      durationMs: number;
    }
  | {
      type: 'network-error';
      method: string;
      url: string;
      attempt: number;
      code: string;
      message: string;
      durationMs: number;
    }
  | { type: 'retry'; method: string; url: string; attempt: number; delayMs: number; reason: string }
  | { type: 'wait'; reason: string; ms: number }
  | { type: 'throttle'; rate: number; reason: string }
  | { type: 'create-ambiguous'; name: string; reason: string }
  | { type: 'create-adopted'; name: string; id: string }
  | { type: 'create-not-found'; name: string; attempt: number };
