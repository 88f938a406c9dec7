/**
 * The paths the client requests, in one place. Ids are URL-encoded: an id is API-supplied
 * text, and a raw one could forge a different path. (The planner's `plan/routes.ts` shows
 * the same routes for planned calls; when the route table moves into the model, these
 * become re-exports of it.)
 */
export const PATHS = {
  outplans: '/outplans',
  outplan: (id: string) => `/outplans/${encodeURIComponent(id)}`,
  outplanDialInfo: (id: string) => `/outplans/${encodeURIComponent(id)}/dial_info`,
  campaigns: '/campaigns',
  numbers: '/numbers',
} as const;
