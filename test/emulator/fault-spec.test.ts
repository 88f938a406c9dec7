import { describe, expect, it } from 'vitest';
import { FaultInjector, FaultSpecError, parseFaultSpec } from '../../src/emulator/faults.js';

const routesOf = (spec: string) => parseFaultSpec(spec).map((r) => [...r.routes].sort());

describe('fault spec syntax', () => {
  it('parses the documented example', () => {
    const rules = parseFaultSpec(
      'POST /outplans=commit-then-fail:0.5,GET /outplans=500:0.1,*=reset:0.05',
    );
    expect(rules.map((r) => [r.kind, r.probability, r.times])).toEqual([
      ['commit-then-fail', 0.5, null],
      ['500', 0.1, null],
      ['reset', 0.05, null],
    ]);
    expect([...rules[0]!.routes]).toEqual(['POST /outplans']);
    expect(rules[2]!.routes.size).toBe(12);
  });

  it('accepts METHOD *, a bare PATH, a /v1.0 prefix, lower-case methods, spaces and TIMES', () => {
    expect(routesOf('PUT *=503:1')).toEqual([
      ['PUT /campaigns/{id}/status', 'PUT /outplans/{id}', 'PUT /outplans/{id}/dial_info'],
    ]);
    expect(routesOf('/outplans/{id}=500:1')).toEqual([
      ['DELETE /outplans/{id}', 'GET /outplans/{id}', 'PUT /outplans/{id}'],
    ]);
    expect(routesOf(' get /v1.0/outplans = 500:1 ')).toEqual([['GET /outplans']]);
    expect(parseFaultSpec('GET /campaigns=503:.25:3')[0]).toMatchObject({
      probability: 0.25,
      times: 3,
    });
    expect(parseFaultSpec('')).toEqual([]);
  });

  it.each([
    ['no equals sign', 'GET /outplans'],
    ['an unknown route', 'GET /outplanz=500:1'],
    ['an unknown method', 'PATCH /outplans=500:1'],
    ['a method with no route there', 'DELETE /outplans=500:1'],
    ['an unknown kind', 'GET /outplans=502:1'],
    ['no probability', 'GET /outplans=500'],
    ['a probability over 1', 'GET /outplans=500:1.5'],
    ['a negative probability', 'GET /outplans=500:-0.1'],
    ['a percentage', 'GET /outplans=500:50%'],
    ['a zero TIMES', 'GET /outplans=500:1:0'],
    ['extra parts', 'GET /outplans=500:1:2:3'],
  ])('rejects %s', (_, spec) => {
    expect(() => parseFaultSpec(spec)).toThrow(FaultSpecError);
  });
});

describe('fault injector', () => {
  it('tries rules in order; the first that fires wins', () => {
    const injector = new FaultInjector(parseFaultSpec('GET /outplans=500:1,*=503:1'), () => 0.5);
    expect(injector.pick('GET /outplans')).toBe('500');
    expect(injector.pick('POST /outplans')).toBe('503');
  });

  it('never fires with probability 0 and always with 1', () => {
    const injector = new FaultInjector(
      parseFaultSpec('*=500:0,GET /outplans=reset:1'),
      Math.random,
    );
    for (let i = 0; i < 50; i++) {
      expect(injector.pick('POST /outplans')).toBeNull();
      expect(injector.pick('GET /outplans')).toBe('reset');
    }
  });
});
