/**
 * The routes the emulator serves, all under /v1.0. Anything else (another path, another
 * method, a trailing slash, an empty id) is 404 ROUTE_NOT_FOUND, as on the service.
 */
export const ROUTES = [
  'GET /outplans',
  'POST /outplans',
  'GET /outplans/{id}',
  'PUT /outplans/{id}',
  'DELETE /outplans/{id}',
  'PUT /outplans/{id}/dial_info',
  'GET /campaigns',
  'POST /campaigns',
  'PUT /campaigns/{id}/status',
  'DELETE /campaigns/{id}',
  'GET /numbers',
  'GET /numbers/{id}',
] as const;

export type RouteKey = (typeof ROUTES)[number];

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
