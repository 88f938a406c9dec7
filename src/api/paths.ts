/**
 * The paths the client requests, from the one route table (src/model/routes.ts), so the
 * client, the plans and the emulator always name the same request. Ids are URL-encoded
 * there: an id is API-supplied text, and a raw one could forge a different path.
 */
import {
  CAMPAIGN_ROUTES,
  NUMBER_ROUTES,
  OUTPLAN_ROUTES,
  callRoute,
  routeFor,
} from '../model/routes.js';

export const PATHS = {
  outplans: routeFor(OUTPLAN_ROUTES.list).path,
  outplan: (id: string) => callRoute('update_basic', id).path,
  outplanDialInfo: (id: string) => callRoute('update_dial_info', id).path,
  campaigns: routeFor(CAMPAIGN_ROUTES.list).path,
  numbers: routeFor(NUMBER_ROUTES.list).path,
} as const;
