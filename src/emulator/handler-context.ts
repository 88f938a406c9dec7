import { ApiFailureError, failures, type ApiFailure } from './api-errors.js';
import type { MicrosClock } from './clock.js';
import { parseId } from './ids.js';
import type { EmulatorStore } from './store.js';

/** What a route handler gets: the authenticated customer and the parsed request. */
export interface HandlerContext {
  readonly customerId: string;
  readonly rawId: string | undefined;
  readonly query: URLSearchParams;
  readonly body: string;
  readonly store: EmulatorStore;
  readonly clock: MicrosClock;
}

/** Returns the 200 body; throws ApiFailureError for anything else. */
export type Handler = (ctx: HandlerContext) => unknown;

export function requireId(ctx: HandlerContext): string {
  const id = ctx.rawId === undefined ? null : parseId(ctx.rawId);
  if (id === null) throw new ApiFailureError(failures.invalidId());
  return id;
}

/** 404 when the id never existed, 403 when it is another customer's. */
export function requireOwned<R extends { customer_id: string }>(
  record: R | undefined,
  customerId: string,
  notFound: () => ApiFailure,
): R {
  if (!record) throw new ApiFailureError(notFound());
  if (record.customer_id !== customerId) throw new ApiFailureError(failures.permissionDenied());
  return record;
}
