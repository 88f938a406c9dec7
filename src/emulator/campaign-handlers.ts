/**
 * The campaign routes outplanctl needs: list, create, set status (run / stop) and delete
 * (soft, only when stopped). A campaign can be created, or started, only with a live
 * outplan; the service's refusal to start is a generic 400 that never names the outplan.
 */
import { NIL_UUID, type CampaignStatus } from '../model/wire.js';
import { ApiFailureError, failures } from './api-errors.js';
import type { FieldKind } from './bind.js';
import { requireId, requireOwned, type Handler, type HandlerContext } from './handler-context.js';
import { parsePageRequest, toPage } from './pagination.js';
import { isDeleted, renderCampaign, type CampaignRecord } from './records.js';
import { checkNameLength, readJsonBody } from './request-body.js';
import type { RouteKey } from './routes.js';

const CREATE_SCHEMA = {
  name: 'string',
  detail: 'string',
  outplan_id: 'uuid',
  status: 'string',
} as const satisfies Record<string, FieldKind>;
const STATUS_SCHEMA = { status: 'string' } as const satisfies Record<string, FieldKind>;

function settableStatus(status: string): CampaignStatus {
  if (status !== 'run' && status !== 'stop')
    throw new ApiFailureError(failures.invalidArgument('The status must be "run" or "stop".'));
  return status;
}

function outplanIsLive(ctx: HandlerContext, outplanId: string): boolean {
  const outplan = ctx.store.outplanRecord(outplanId);
  return !!outplan && outplan.customer_id === ctx.customerId && !isDeleted(outplan.tm_delete);
}

const list: Handler = (ctx) => {
  const { size, beforeUs } = parsePageRequest(ctx.query, ctx.clock.peek());
  return toPage(ctx.store.campaignPage(ctx.customerId, beforeUs, size), renderCampaign);
};

const create: Handler = (ctx) => {
  const body = readJsonBody(ctx.body, CREATE_SCHEMA);
  const status = settableStatus(body.status ?? 'stop');
  const outplanId = body.outplan_id ?? NIL_UUID;
  if (outplanId !== NIL_UUID && !outplanIsLive(ctx, outplanId))
    throw new ApiFailureError(
      failures.invalidArgument('The outplan does not exist, is deleted or is not yours.'),
    );
  if (status === 'run' && outplanId === NIL_UUID) throw new ApiFailureError(failures.badRequest());
  const name = body.name ?? '';
  checkNameLength(name);
  const record = ctx.store.createCampaign(ctx.customerId, {
    name,
    detail: body.detail ?? '',
    outplan_id: outplanId,
    status,
  });
  return renderCampaign(record);
};

function ownedCampaign(ctx: HandlerContext) {
  const id = requireId(ctx);
  return () =>
    requireOwned(ctx.store.campaignRecord(id), ctx.customerId, failures.campaignNotFound);
}

const setStatus: Handler = (ctx) => {
  const lookup = ownedCampaign(ctx);
  const body = readJsonBody(ctx.body, STATUS_SCHEMA);
  const record = lookup();
  const status = settableStatus(body.status ?? '');
  if (isDeleted(record.tm_delete)) throw new ApiFailureError(failures.badRequest());
  if (status === 'run' && !outplanIsLive(ctx, record.outplan_id))
    throw new ApiFailureError(failures.badRequest());
  return renderCampaign(ctx.store.touch(record, (r: CampaignRecord) => (r.status = status)));
};

const remove: Handler = (ctx) => {
  const record = ownedCampaign(ctx)();
  if (record.status !== 'stop')
    throw new ApiFailureError(failures.invalidArgument('Only a stopped campaign can be deleted.'));
  return renderCampaign(ctx.store.touch(record, (r, now) => (r.tm_delete = now)));
};

export const campaignHandlers: Partial<Record<RouteKey, Handler>> = {
  'GET /campaigns': list,
  'POST /campaigns': create,
  'PUT /campaigns/{id}/status': setStatus,
  'DELETE /campaigns/{id}': remove,
};
