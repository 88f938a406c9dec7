import { OutplanctlError, type ErrorDetails } from '../model/errors.js';

/** What one client call did, for progress output and the audit record. URL redacted. */
export interface CallMeta {
  readonly method: string;
  readonly url: string;
  /** The last HTTP status seen, or null when no response arrived. */
  readonly status: number | null;
  /** VoIPBIN's request id of the last response (body or X-Request-Id), if any. */
  readonly requestId: string | null;
  /** HTTP attempts made for this call (retries included). */
  readonly attempts: number;
  readonly durationMs: number;
  /** A create whose response was lost and whose outplan was found and adopted. */
  readonly adopted?: boolean;
}

export interface ApiErrorInit extends ErrorDetails {
  readonly code: string;
  readonly message: string;
  readonly meta: CallMeta;
  readonly reason?: string | null;
  readonly requestId?: string | null;
}

/**
 * A failed API call. The message names the call (method and redacted URL), the status,
 * VoIPBIN's reason and message and the request id support will ask for; the hint says
 * what to do. Nothing in it, its hint or its cause chain carries a credential.
 */
export class ApiError extends OutplanctlError {
  readonly kind = 'api';
  readonly method: string;
  /** Redacted. */
  readonly url: string;
  readonly status: number | null;
  readonly reason: string | null;
  readonly requestId: string | null;
  readonly meta: CallMeta;

  constructor(init: ApiErrorInit) {
    super(init.code, init.message, { hint: init.hint, cause: init.cause });
    this.meta = init.meta;
    this.method = init.meta.method;
    this.url = init.meta.url;
    this.status = init.meta.status;
    this.reason = init.reason ?? null;
    this.requestId = init.requestId ?? init.meta.requestId;
  }
}
