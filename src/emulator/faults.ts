/**
 * Fault injection. A spec is a comma-separated list of rules:
 *
 *   TARGET=KIND:PROBABILITY[:TIMES]
 *
 * TARGET  `*` (every route), `METHOD PATH` (`POST /outplans`, `PUT /outplans/{id}/dial_info`),
 *         `METHOD *` (every route of that method) or `PATH` (every method on that path).
 *         PATH is a route pattern relative to /v1.0 (a leading `/v1.0` is allowed).
 * KIND    `500`, `503`, `reset` (destroy the connection, no response), `commit-then-fail`
 *         (perform the request, then answer 503 REQUEST_TIMEOUT instead of its result) or
 *         `commit-then-reset` (perform it, then destroy the connection).
 * PROBABILITY  0..1, drawn per matching request from a seeded PRNG.
 * TIMES   optional: the rule fires at most this many times.
 *
 * Rules are tried in order; the first that fires decides. Each matching rule draws one
 * number per request, so the same seed and the same request sequence give the same faults.
 */
import { API_PREFIX, ROUTES, type RouteKey } from './routes.js';

export const FAULT_KINDS = [
  '500',
  '503',
  'reset',
  'commit-then-fail',
  'commit-then-reset',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

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
  const routes = parseTarget(text.slice(0, eq).trim(), text);
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

  pick(route: RouteKey): FaultKind | null {
    for (let i = 0; i < this.rules.length; i++) {
      const rule = this.rules[i]!;
      if (!rule.routes.has(route)) continue;
      if (rule.times !== null && this.fired[i]! >= rule.times) continue;
      if (this.random() < rule.probability) {
        this.fired[i]!++;
        return rule.kind;
      }
    }
    return null;
  }
}
