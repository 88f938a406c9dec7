/**
 * Who may call the emulator: access keys (one customer each) and JWT-shaped tokens that
 * the emulator issued or was given. A token is accepted only if it is one of these exact
 * strings; nothing is ever verified cryptographically.
 */
import { customerIdForKey, newJwt } from './ids.js';

export interface TokenGrant {
  readonly customerId: string;
  /** Wall-clock ms after which the token is expired, or null for never. */
  readonly expiresAtMs: number | null;
  /** A resource-scoped "direct" token: 403 DIRECT_ACCESS_NOT_SUPPORTED on these routes. */
  readonly direct: boolean;
}

export interface IssueTokenOptions {
  /** Lifetime; default 7 days, like a login JWT. */
  readonly ttlMs?: number;
  readonly direct?: boolean;
}

const SEVEN_DAYS_MS = 7 * 24 * 3600 * 1000;

export class CredentialRegistry {
  private readonly keys = new Map<string, string>();
  private readonly tokens = new Map<string, TokenGrant>();
  private readonly frozen = new Set<string>();

  addKey(accessKey: string): string {
    const customerId = customerIdForKey(accessKey);
    this.keys.set(accessKey, customerId);
    return customerId;
  }

  get accessKeys(): string[] {
    return [...this.keys.keys()];
  }

  customerForKey(accessKey: string): string | undefined {
    return this.keys.get(accessKey);
  }

  /** The customer of an access key the emulator accepts; throws for any other string. */
  requireCustomer(accessKey: string): string {
    const id = this.keys.get(accessKey);
    if (id === undefined) throw new Error('not an access key this emulator accepts');
    return id;
  }

  addToken(token: string, grant: TokenGrant): void {
    this.tokens.set(token, grant);
  }

  issueToken(accessKey: string, nowMs: number, options: IssueTokenOptions = {}): string {
    const customerId = this.requireCustomer(accessKey);
    const expiresAtMs = nowMs + (options.ttlMs ?? SEVEN_DAYS_MS);
    const token = newJwt(customerId, expiresAtMs);
    this.addToken(token, { customerId, expiresAtMs, direct: options.direct ?? false });
    return token;
  }

  tokenGrant(token: string): TokenGrant | undefined {
    return this.tokens.get(token);
  }

  setFrozen(customerId: string, frozen: boolean): void {
    if (frozen) this.frozen.add(customerId);
    else this.frozen.delete(customerId);
  }

  isFrozen(customerId: string): boolean {
    return this.frozen.has(customerId);
  }
}
