/**
 * The six outplan routes. No validation beyond JSON types, int32 and name length. Request
 * shapes and zero values come from the outplan descriptor (records.ts).
 */
import { failures } from './api-errors.js';
import { requireId, requireOwned, type Handler, type HandlerContext } from './handler-context.js';
import { parsePageRequest, toPage } from './pagination.js';
import { groupBodySchema, groupValues, renderOutplan, type OutplanFieldValues } from './records.js';
import { checkNameLength, readJsonBody } from './request-body.js';
import type { RouteKey } from './routes.js';

const BASIC_SCHEMA = groupBodySchema('basic');
const DIAL_INFO_SCHEMA = groupBodySchema('dial_info');
const CREATE_SCHEMA = { ...BASIC_SCHEMA, ...DIAL_INFO_SCHEMA } as const;

/** Missing or null fields become "", 0 and {}: whole-group replacement. */
function basicValues(body: Readonly<Record<string, unknown>>) {
  return groupValues(body, 'basic') as Pick<OutplanFieldValues, 'name' | 'detail'>;
}

function dialInfoValues(body: Readonly<Record<string, unknown>>) {
  return groupValues(body, 'dial_info') as Omit<OutplanFieldValues, 'name' | 'detail'>;
}

function owned(ctx: HandlerContext) {
  const id = requireId(ctx);
  return () => requireOwned(ctx.store.outplanRecord(id), ctx.customerId, failures.outplanNotFound);
}

const list: Handler = (ctx) => {
  const { size, beforeUs } = parsePageRequest(ctx.query, ctx.clock.peek());
  return toPage(ctx.store.outplanPage(ctx.customerId, beforeUs, size), renderOutplan);
};

const get: Handler = (ctx) => renderOutplan(owned(ctx)());

const create: Handler = (ctx) => {
  const body = readJsonBody(ctx.body, CREATE_SCHEMA);
  const values = { ...basicValues(body), ...dialInfoValues(body) };
  checkNameLength(values.name);
  return renderOutplan(ctx.store.createOutplan(ctx.customerId, values));
};

const updateBasic: Handler = (ctx) => {
  const lookup = owned(ctx);
  const values = basicValues(readJsonBody(ctx.body, BASIC_SCHEMA));
  const record = lookup();
  checkNameLength(values.name);
  return renderOutplan(ctx.store.touch(record, (r) => Object.assign(r, values)));
};

const updateDialInfo: Handler = (ctx) => {
  const lookup = owned(ctx);
  const values = dialInfoValues(readJsonBody(ctx.body, DIAL_INFO_SCHEMA));
  return renderOutplan(ctx.store.touch(lookup(), (r) => Object.assign(r, values)));
};

/** Soft delete: tm_delete (and tm_update) set; deleting again moves tm_delete. */
const remove: Handler = (ctx) =>
  renderOutplan(ctx.store.touch(owned(ctx)(), (r, now) => (r.tm_delete = now)));

export const outplanHandlers: Partial<Record<RouteKey, Handler>> = {
  'GET /outplans': list,
  'POST /outplans': create,
  'GET /outplans/{id}': get,
  'PUT /outplans/{id}': updateBasic,
  'PUT /outplans/{id}/dial_info': updateDialInfo,
  'DELETE /outplans/{id}': remove,
};
