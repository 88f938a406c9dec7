import type { Harness } from './mock-api.js';
import { queryOf, wireOutplan } from './mock-api.js';
import type { WireOutplan } from '../../../src/model/wire.js';

/** `count` outplans, one second apart, every `deletedEvery`-th soft-deleted. */
export function manyOutplans(count: number, deletedEvery = 0): WireOutplan[] {
  const start = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, i) =>
    wireOutplan({
      name: `plan-${i}`,
      tm_create: new Date(start + i * 1000).toISOString(),
      tm_delete:
        deletedEvery > 0 && i % deletedEvery === 0 ? new Date(start + 9e9).toISOString() : null,
    }),
  );
}

/** The 6-digit cursor form VoIPBIN returns as next_page_token. */
export function cursor(tmCreate: string): string {
  return tmCreate
    .replace(/\.(\d+)Z$/, (_, f: string) => `.${f.padEnd(6, '0')}Z`)
    .replace(/:(\d\d)Z$/, ':$1.000000Z');
}

/**
 * Serves `rows` at GET /v1.0/{resource} as VoIPBIN does: newest first, page_size <= 100,
 * `tm_create < page_token`, ending with an empty page and an empty token.
 */
export function servePages(
  h: Harness,
  rows: readonly { tm_create: string }[],
  resource = 'outplans',
) {
  const sorted = [...rows].sort((a, b) => Date.parse(b.tm_create) - Date.parse(a.tm_create));
  h.pool
    .intercept({ path: (p) => p.startsWith(`/v1.0/${resource}?`), method: 'GET' })
    .reply((opts) => {
      const q = queryOf(opts.path);
      const size = Math.min(100, Number(q.get('page_size') ?? 100));
      const token = q.get('page_token');
      const older = token
        ? sorted.filter((r) => Date.parse(r.tm_create) < Date.parse(token))
        : sorted;
      const page = older.slice(0, size);
      const last = page.at(-1);
      return {
        statusCode: 200,
        data: { result: page, next_page_token: last ? cursor(last.tm_create) : '' },
        responseOptions: { headers: { 'content-type': 'application/json' } },
      };
    })
    .persist();
}
