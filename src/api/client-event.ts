/**
 * What the client reports while it works, for `--debug` traces and the audit record.
 * Every `url` is redacted; no event carries a header or a credential.
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
  | { type: 'throttle'; rate: number; reason: string }
  | { type: 'create-ambiguous'; name: string; reason: string }
  | { type: 'create-adopted'; name: string; id: string }
  | { type: 'create-not-found'; name: string; attempt: number };
