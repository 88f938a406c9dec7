/**
 * The HTTP request each planned call makes. One definition for everything that shows or
 * records a route (text and Markdown plans, apply's call records), so they always name the
 * same request the client sends. The id is URL-encoded exactly as the client encodes it: an
 * id is API-supplied text, and a raw one could forge a different path in a plan.
 */
import { InternalError } from '../model/errors.js';
import type { CallKind } from './types.js';

export type CallMethod = 'POST' | 'PUT' | 'DELETE';

export interface CallRoute {
  readonly method: CallMethod;
  /** The path under the API base, with the id URL-encoded, e.g. `/outplans/{id}/dial_info`. */
  readonly path: string;
}

export function callRoute(call: CallKind, id: string | null): CallRoute {
  if (call === 'create') return { method: 'POST', path: '/outplans' };
  if (id === null) {
    throw new InternalError('ROUTE_WITHOUT_ID', `A ${call} call needs the outplan's id.`);
  }
  const path = `/outplans/${encodeURIComponent(id)}`;
  switch (call) {
    case 'update_basic':
      return { method: 'PUT', path };
    case 'update_dial_info':
      return { method: 'PUT', path: `${path}/dial_info` };
    case 'delete':
      return { method: 'DELETE', path };
    default: {
      const never: never = call;
      return never;
    }
  }
}

/** `PUT /outplans/{id}/dial_info`: how plans show a call. */
export function formatCallRoute(call: CallKind, id: string | null): string {
  const route = callRoute(call, id);
  return `${route.method} ${route.path}`;
}
