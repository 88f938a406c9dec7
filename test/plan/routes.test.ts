import { describe, expect, it } from 'vitest';
import { NUMBER_ROUTES, OUTPLAN_ROUTES, routeFor } from '../../src/model/routes.js';
import { callRoute, formatCallRoute } from '../../src/plan/index.js';
import { uuid } from './builders.js';

describe('callRoute', () => {
  it('names the request each call makes, with the real id', () => {
    expect(callRoute('create', null)).toEqual({ method: 'POST', path: '/outplans' });
    expect(callRoute('update_basic', uuid(1))).toEqual({
      method: 'PUT',
      path: `/outplans/${uuid(1)}`,
    });
    expect(callRoute('update_dial_info', uuid(1))).toEqual({
      method: 'PUT',
      path: `/outplans/${uuid(1)}/dial_info`,
    });
    expect(callRoute('delete', uuid(1))).toEqual({
      method: 'DELETE',
      path: `/outplans/${uuid(1)}`,
    });
    expect(formatCallRoute('update_dial_info', uuid(2))).toBe(`PUT /outplans/${uuid(2)}/dial_info`);
  });

  it('URL-encodes a hostile id, so it cannot forge another path or line', () => {
    expect(callRoute('delete', '../x\n+ create "y"?a=b#c').path).toBe(
      '/outplans/..%2Fx%0A%2B%20create%20%22y%22%3Fa%3Db%23c',
    );
  });

  it('refuses an update or delete without an id (a bug, never a request to /outplans/null)', () => {
    expect(() => callRoute('delete', null)).toThrow(/needs the outplan's id/);
  });

  it('derives every outplan call from the one route table in the model', () => {
    for (const call of ['create', 'update_basic', 'update_dial_info', 'delete'] as const) {
      const { method, template } = OUTPLAN_ROUTES[call];
      expect(callRoute(call, 'x')).toEqual({ method, path: template.replace('{id}', 'x') });
    }
    expect(routeFor(OUTPLAN_ROUTES.list)).toEqual({ method: 'GET', path: '/outplans' });
    expect(routeFor(NUMBER_ROUTES.get, '+1 555')).toEqual({
      method: 'GET',
      path: '/numbers/%2B1%20555',
    });
    expect(() => routeFor(OUTPLAN_ROUTES.get)).toThrow(/needs an id/);
  });
});
