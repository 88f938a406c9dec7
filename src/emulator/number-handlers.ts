/**
 * GET /numbers and GET /numbers/{id} (voipbin-numbers-api.md). The list shows the
 * caller's live numbers only, with the outplans' cursor pagination. A get answers a
 * deleted id with 404 RESOURCE_NOT_FOUND before it looks at the owner, an id that never
 * existed with 404 NUMBER_NOT_FOUND, and another customer's live number with 403.
 */
import { ApiFailureError, failures } from './api-errors.js';
import { requireId, type Handler } from './handler-context.js';
import { renderNumber } from './number-records.js';
import { parsePageRequest, toPage } from './pagination.js';
import { isDeleted } from './records.js';
import type { RouteKey } from './routes.js';

const list: Handler = (ctx) => {
  const { size, beforeUs } = parsePageRequest(ctx.query, ctx.clock.peek());
  return toPage(ctx.store.numberPage(ctx.customerId, beforeUs, size), renderNumber);
};

const get: Handler = (ctx) => {
  const record = ctx.store.numberRecord(requireId(ctx));
  if (!record) throw new ApiFailureError(failures.numberNotFound());
  if (isDeleted(record.tm_delete)) throw new ApiFailureError(failures.resourceNotFound());
  if (record.customer_id !== ctx.customerId) throw new ApiFailureError(failures.permissionDenied());
  return renderNumber(record);
};

export const numberHandlers: Partial<Record<RouteKey, Handler>> = {
  'GET /numbers': list,
  'GET /numbers/{id}': get,
};
