/**
 * The routes the emulator serves, all under /v1.0: the outplan and number routes of the one
 * route table (src/model/routes.ts, which the client sends), plus the campaign writes that
 * tests and the demo drive. Anything else (another path, another method, a trailing slash,
 * an empty id) is 404 ROUTE_NOT_FOUND, as on the service.
 */
import {
  CAMPAIGN_ROUTES,
  NUMBER_ROUTES,
  OUTPLAN_ROUTES,
  type RouteTemplate,
} from '../model/routes.js';

/** Campaigns beyond the listing outplanctl reads: create, start/stop, delete. */
const CAMPAIGN_WRITE_ROUTES = {
  create: { method: 'POST', template: '/campaigns' },
  set_status: { method: 'PUT', template: '/campaigns/{id}/status' },
  delete: { method: 'DELETE', template: '/campaigns/{id}' },
} as const satisfies Record<string, RouteTemplate>;

const keyOf = <R extends RouteTemplate>(route: R) =>
  `${route.method} ${route.template}` as `${R['method']} ${R['template']}`;

export const ROUTES = [
  ...Object.values(OUTPLAN_ROUTES).map(keyOf),
  ...Object.values(CAMPAIGN_ROUTES).map(keyOf),
  ...Object.values(CAMPAIGN_WRITE_ROUTES).map(keyOf),
  ...Object.values(NUMBER_ROUTES).map(keyOf),
];

export type RouteKey = (typeof ROUTES)[number];

/** The list routes (cursor pagination): what the listing fault kinds apply to. */
export const LIST_ROUTES: ReadonlySet<RouteKey> = new Set([
  keyOf(OUTPLAN_ROUTES.list),
  keyOf(CAMPAIGN_ROUTES.list),
  keyOf(NUMBER_ROUTES.list),
]);

export const API_PREFIX = '/v1.0';

export interface RouteMatch {
  readonly route: RouteKey;
  /** The raw (still percent-encoded) `{id}` segment. */
  readonly rawId: string | undefined;
}

/** Matches a request path (no query string) to a route. */
export function matchRoute(method: string, pathname: string): RouteMatch | null {
  if (!pathname.startsWith(`${API_PREFIX}/`)) return null;
  const segments = pathname.slice(API_PREFIX.length + 1).split('/');
  if (segments.some((s) => s === '')) return null;
  const [collection, rawId, sub, ...rest] = segments;
  if (rest.length > 0) return null;
  const pattern =
    `/${collection}` + (rawId === undefined ? '' : '/{id}') + (sub === undefined ? '' : `/${sub}`);
  const key = `${method} ${pattern}`;
  return (ROUTES as readonly string[]).includes(key) ? { route: key as RouteKey, rawId } : null;
}
