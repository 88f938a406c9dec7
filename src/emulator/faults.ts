/**
 * Fault injection. A spec is a comma-separated list of rules:
 *
 *   TARGET=KIND:PROBABILITY[:TIMES]
 *
 * TARGET  `*` (every route), `METHOD PATH` (`POST /outplans`, `PUT /outplans/{id}/dial_info`),
 *         `METHOD *` (every route of that method) or `PATH` (every method on that path).
 *         PATH is a route pattern relative to /v1.0 (a leading `/v1.0` is allowed).
 * KIND    what goes wrong (docs/emulator.md, "Faults", has the whole table):
 *         answers   `500`, `503`, `reset`, `silent`, `echo-url`: nothing is done;
 *         after     `commit-then-fail`, `commit-then-reset`: done, then the answer is lost;
 *         delivery  `trickle`, `huge`, `echo-id`: done, the answer arrives badly;
 *         listing   `page-cycle`, `page-fresh-token`, `page-repeat`: list pages that break
 *                   the cursor contract (list routes only; tried only where they change
 *                   the answer).
 * PROBABILITY  0..1, drawn per matching request from a seeded PRNG.
 * TIMES   optional: the rule fires at most this many times.
 *
 * Rules are tried in order; the first that fires decides. Each matching rule draws one
 * number per request, so the same seed and the same request sequence give the same faults.
 */
import { API_PREFIX, LIST_ROUTES, ROUTES, type RouteKey } from './routes.js';

export const LISTING_FAULTS = ['page-cycle', 'page-fresh-token', 'page-repeat'] as const;
export type ListingFault = (typeof LISTING_FAULTS)[number];

export const FAULT_KINDS = [
  '500',
  '503',
  'reset',
  'silent',
  'echo-url',
  'commit-then-fail',
  'commit-then-reset',
  'trickle',
  'huge',
  'echo-id',
  ...LISTING_FAULTS,
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export function isListingFault(kind: FaultKind): kind is ListingFault {
  return (LISTING_FAULTS as readonly string[]).includes(kind);
}

export interface FaultRule {
  readonly routes: ReadonlySet<RouteKey>;
  readonly kind: FaultKind;
  readonly probability: number;
  readonly times: number | null;
  /** The rule as written, for messages. */
  readonly text: string;
}

export class FaultSpecError extends Error {}

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE']);

export function parseFaultSpec(spec: string): FaultRule[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(parseRule);
}

function parseRule(text: string): FaultRule {
  const eq = text.lastIndexOf('=');
  if (eq <= 0)
    throw new FaultSpecError(`fault rule "${text}" must look like TARGET=KIND:PROBABILITY`);
  const targeted = parseTarget(text.slice(0, eq).trim(), text);
  const [kind, probabilityText, timesText, ...extra] = text
    .slice(eq + 1)
    .trim()
    .split(':');
  if (!(FAULT_KINDS as readonly string[]).includes(kind ?? ''))
    throw new FaultSpecError(
      `fault rule "${text}": unknown kind "${kind}" (use ${FAULT_KINDS.join(', ')})`,
    );
  const probability = Number(probabilityText);
  const isDecimal = /^(?:\d+(?:\.\d*)?|\.\d+)$/.test(probabilityText ?? '');
  if (!isDecimal || !(probability >= 0 && probability <= 1))
    throw new FaultSpecError(`fault rule "${text}": probability must be a number from 0 to 1`);
  if (extra.length > 0 || (timesText !== undefined && !/^[1-9]\d*$/.test(timesText)))
    throw new FaultSpecError(`fault rule "${text}": TIMES must be a positive integer`);
  // A listing fault only means something on a list route: `*=page-cycle:1` means all lists.
  const routes = isListingFault(kind as FaultKind)
    ? new Set([...targeted].filter((r) => LIST_ROUTES.has(r)))
    : targeted;
  if (routes.size === 0)
    throw new FaultSpecError(
      `fault rule "${text}": ${kind} applies to list routes only (${[...LIST_ROUTES].join(', ')})`,
    );
  return {
    routes,
    kind: kind as FaultKind,
    probability,
    times: timesText === undefined ? null : Number(timesText),
    text,
  };
}

function parseTarget(target: string, text: string): ReadonlySet<RouteKey> {
  if (target === '*') return new Set(ROUTES);
  const parts = target.split(/\s+/);
  const [first, second] = parts;
  if (parts.length > 2 || first === undefined)
    throw new FaultSpecError(`fault rule "${text}": bad target "${target}"`);
  const method = parts.length === 2 ? first.toUpperCase() : null;
  const path = parts.length === 2 ? second! : first;
  if (method !== null && !METHODS.has(method))
    throw new FaultSpecError(`fault rule "${text}": unknown method "${first}"`);
  const pattern = path.startsWith(`${API_PREFIX}/`) ? path.slice(API_PREFIX.length) : path;
  const routes = ROUTES.filter((route) => {
    const [m, p] = route.split(' ');
    return (method === null || m === method) && (pattern === '*' || p === pattern);
  });
  if (routes.length === 0 || (method === null && pattern === '*'))
    throw new FaultSpecError(
      `fault rule "${text}": "${target}" is not a route (routes: ${ROUTES.join(', ')})`,
    );
  return new Set(routes);
}

/** Decides, request by request, whether a fault fires. */
export class FaultInjector {
  private readonly fired: number[];

  constructor(
    private readonly rules: readonly FaultRule[],
    private readonly random: () => number,
  ) {
    this.fired = rules.map(() => 0);
  }

  private lastFreshTokenUs = 0;

  /**
   * The fault for one request, or null. `applies` says whether a kind would change this
   * request's answer (a listing fault on the last page, say); rules whose kind does not
   * apply are skipped without a draw, so TIMES counts only faults that showed.
   */
  pick(route: RouteKey, applies: (kind: FaultKind) => boolean = () => true): FaultKind | null {
    for (let i = 0; i < this.rules.length; i++) {
      const rule = this.rules[i]!;
      if (!rule.routes.has(route)) continue;
      if (!applies(rule.kind)) continue;
      if (rule.times !== null && this.fired[i]! >= rule.times) continue;
      if (this.random() < rule.probability) {
        this.fired[i]!++;
        return rule.kind;
      }
    }
    return null;
  }

  /** `page-fresh-token`: a cursor later than `nowUs` and than every one handed out before. */
  freshTokenUs(nowUs: number): number {
    this.lastFreshTokenUs = Math.max(nowUs + 1_000_000, this.lastFreshTokenUs + 1);
    return this.lastFreshTokenUs;
  }
}
