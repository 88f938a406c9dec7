export { ApiError, type CallMeta } from './api-error.js';
export { DEFAULT_BASE_URL, checkBaseUrl, isLoopbackHost } from './base-url.js';
export {
  DEFAULT_CREATE_RECHECK_DELAYS_MS,
  DEFAULT_RATE,
  PAGE_SIZE,
  VoipbinClient,
  type ClientOptions,
} from './client.js';
export type { ClientEvent } from './client-event.js';
export type { Credential } from './credential.js';
export { InconsistentListingError } from './listing.js';
export type { ProxySettings } from './proxy.js';
export { REDACTED, redactText, redactUrl } from './redact.js';
export { secretsFromEnv } from './secrets.js';
export { WAIT_NOTICE_MS } from './transport.js';
