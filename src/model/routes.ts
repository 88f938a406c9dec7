/**
 * The one route table: every HTTP request outplanctl makes or shows, by name. The client
 * sends these, plans and apply records show them, and the emulator serves them, so all
 * three always name the same request. Paths are relative to the API base (`…/v1.0`).
 * See ../shared/reference/voipbin-outplan-api.md and voipbin-numbers-api.md.
 */
import { InternalError } from './errors.js';
import type { FieldGroup } from './outplan-descriptor.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteTemplate {
  readonly method: HttpMethod;
  /** `/outplans/{id}/dial_info`; `{id}` is replaced by the URL-encoded id. */
  readonly template: string;
}

/** One concrete request: the method and the path with the id URL-encoded. */
export interface Route {
  readonly method: HttpMethod;
  readonly path: string;
}

/** The update call that replaces one field group: `update_basic`, `update_dial_info`. */
export type UpdateCall = `update_${FieldGroup}`;
/** One API call a planned change makes; plans, saved plans and apply records use these names. */
export type CallKind = 'create' | UpdateCall | 'delete';

/** The six outplan routes (there are no others: no PATCH, no bulk, no filter). */
export const OUTPLAN_ROUTES = {
  list: { method: 'GET', template: '/outplans' },
  get: { method: 'GET', template: '/outplans/{id}' },
  create: { method: 'POST', template: '/outplans' },
  update_basic: { method: 'PUT', template: '/outplans/{id}' },
  update_dial_info: { method: 'PUT', template: '/outplans/{id}/dial_info' },
  delete: { method: 'DELETE', template: '/outplans/{id}' },
} as const satisfies Record<'list' | 'get' | CallKind, RouteTemplate>;

/** What outplanctl reads of campaigns: the listing (campaign impact, delete safety). */
export const CAMPAIGN_ROUTES = {
  list: { method: 'GET', template: '/campaigns' },
} as const satisfies Record<string, RouteTemplate>;

/** The account's numbers (caller-ID checks). */
export const NUMBER_ROUTES = {
  list: { method: 'GET', template: '/numbers' },
  get: { method: 'GET', template: '/numbers/{id}' },
} as const satisfies Record<string, RouteTemplate>;

/**
 * The concrete request for a route. The id is URL-encoded: it is API-supplied text, and a raw
 * one could forge a different path (in a request, or in a plan a reviewer reads).
 */
export function routeFor(route: RouteTemplate, id: string | null = null): Route {
  if (!route.template.includes('{id}')) return { method: route.method, path: route.template };
  if (id === null) {
    throw new InternalError('ROUTE_WITHOUT_ID', `${route.method} ${route.template} needs an id.`);
  }
  return { method: route.method, path: route.template.replace('{id}', encodeURIComponent(id)) };
}

/** The request one planned call makes (an update or delete needs the outplan's id). */
export function callRoute(call: CallKind, id: string | null): Route {
  if (call !== 'create' && id === null) {
    throw new InternalError('ROUTE_WITHOUT_ID', `A ${call} call needs the outplan's id.`);
  }
  return routeFor(OUTPLAN_ROUTES[call], id);
}

/** `PUT /outplans/{id}/dial_info`: how plans show a call. */
export function formatCallRoute(call: CallKind, id: string | null): string {
  const route = callRoute(call, id);
  return `${route.method} ${route.path}`;
}
