import { afterAll, describe, expect, it } from 'vitest';
import { plainLayout } from '../../src/config/plain-layout.js';
import { Scratch } from './streamed-both-ways.js';

const scratch = new Scratch();
afterAll(() => scratch.remove());

/**
 * An outplan item at list indentation `indent`. `extra` lines are added under it; one that
 * starts with a default field's key replaces that field (no accidental duplicate keys).
 */
function item(n: number, indent = 2, extra: string[] = []): string {
  const pad = ' '.repeat(indent);
  const fields = [
    `detail: plan number ${n}`,
    `source: { type: tel, target: "+1555000${String(n).padStart(4, '0')}" }`,
    'dial_timeout: 30s',
    'try_interval: 10m',
    'max_try_count_0: 3',
  ].filter((line) => !extra.some((e) => e.startsWith(line.slice(0, line.indexOf(':') + 1))));
  return [
    `${pad}- name: plan-${n}`,
    ...[...fields, ...extra].map((line) => `${pad}  ${line}`),
  ].join('\n');
}

function file(items: string[], head = 'outplans:', tail = ''): string {
  return `${head}\n${items.join('\n')}\n${tail}`;
}

/** Cases the streamed load must take, and still give the whole-document result. */
const STREAMED: Record<string, string> = {
  'comments between items, indented and at column 0': file([
    item(1),
    '  # between',
    '# at column 0',
    item(2),
    '    # deeper',
    item(3),
  ]),
  'comments before the list and after the key': `# head\n\n# more\noutplans:   # the list\n  # first\n${item(1)}\n`,
  'items at indent 0': file([item(1, 0), item(2, 0)]),
  'items at indent 4': file([item(1, 4), item(2, 4)]),
  'blank lines everywhere': `\n\n${file([item(1), '', '   ', item(2), '', ''])}\n\n`,
  'no newline at the end': file([item(1), item(2)]).trimEnd(),
  'block scalars holding list-like lines': file([
    item(1, 2, ['detail: |', '    - name: x', '    outplans:', '  ', '    - name: y']),
    item(2, 2, ['detail: >-', '    folded', '    - name: z']),
    item(3, 2, ['detail: |+', '    kept', '', '']),
    item(4, 2, ['detail: |2', '      indented by the indicator']),
  ]),
  'a keep-chomped block scalar at the end of the file': file([
    item(1),
    item(2, 2, ['detail: |+', '    last', '', '']),
  ]),
  'multi-line quoted strings': file([
    item(1, 2, ['detail: "line one', '    line two"']),
    item(2, 2, ["detail: 'it''s", "     - continued'"]),
  ]),
  'flow mappings over several lines': file([
    item(1, 2, ['source: {', '      type: tel,', '      target: "+15550009999" }']),
    item(2),
  ]),
  'tabs inside values': file([item(1, 2, ['detail: "a\tb"']), item(2, 2, ['detail: c\td'])]),
  'CRLF line ends': file([item(1), '  # c', item(2)]).replace(/\n/g, '\r\n'),
  'unicode names and details': file([
    item(1, 2, ['detail: "日本語 — ünïcödé 🎉"']),
    '  - name: "電話 🎉"\n    try_interval: 1h',
  ]),
  'defaults, prune and policy around the list': `defaults:\n  try_interval: 1h\n  dial_timeout: 20s\noutplans:\n${item(1)}\n  - name: inherits\nprune:\n  exclude: [legacy-*]\npolicy:\n  dial_timeout: { min: 10s, max: 40s }\n  caller_ids: ["+1555*"]\n`,
  'defaults after the list, its typo covering missing fields': `outplans:\n  - name: a\n  - name: b\n    try_interval: 0s\ndefaults:\n  try_intervall: 1h\n`,
  'schema errors in several items': file([
    item(1, 2, ['dial_timout: 30s']),
    item(2),
    '  - name: bad-values\n    dial_timeout: 30\n    try_interval: "45"\n    max_try_count_0: 101\n    source: { type: tell, target: +14155550100 }\n    id: not-a-uuid',
    item(4),
    '  - name: ""\n    try_interval: 1h',
    '  - detail: no name\n    try_interval: 1h',
    '  - just a string',
    '  -',
    '  - name: toolong\n    try_interval: 700h\n    source:\n      type: tel\n      target: 14155550100',
  ]),
  'missing try_interval without defaults, and lookalike names': file([
    '  - name: Sales\n    dial_timeout: 30s',
    '  - name: sales\n    try_interval: 1h',
    '  - name: Sales\n    try_interval: 1h',
  ]),
  'an unknown top-level key': `outplan:\n  - name: a\noutplans:\n${item(1)}\n`,
  'a forbidden key inside an item': file([item(1, 2, ['__proto__: x']), item(2)]),
  'a byte order mark (reading the file drops it)': `\uFEFF${file([item(1)])}`,
  'a top-level flow value': `defaults: { try_interval: 1h,\n  dial_timeout: 20s }\noutplans:\n${item(1)}\n`,
};

/** Cases that must fall back to the whole document (the reason is checked loosely). */
const FALLBACK: Record<string, [string, RegExp]> = {
  'a lone carriage return': [file([item(1)]).replace('\n', '\r'), /carriage return/],
  'a document start marker': [`---\n${file([item(1)])}`, /before the first/],
  'a document end marker': [`${file([item(1)])}...\n`, /plain layout/],
  'a directive': [`%YAML 1.2\n---\n${file([item(1)])}`, /before the first/],
  'two documents': [`${file([item(1)])}---\n${file([item(2)])}`, /plain layout/],
  'a top-level key repeated': [`${file([item(1)])}${file([item(2)])}`, /repeated/],
  'a flow list for outplans:': [`outplans: [{ name: a, try_interval: 1h }]\n`, /own line/],
  'a same-line value for outplans:': [`outplans: x\n`, /own line/],
  'an empty outplans:': [`outplans:\ndefaults:\n  try_interval: 1h\n`, /no block list/],
  'no outplans: at all': [`defaults:\n  try_interval: 1h\n`, /no block list/],
  'an empty file': ['', /no block list/],
  'only comments': ['# nothing\n', /no block list/],
  'a list at the top': [`- name: a\n`, /before the first/],
  'a quoted top-level key': [`"outplans":\n${item(1)}\n`, /before the first/],
  'an explicit key': [`? outplans\n:\n${item(1)}\n`, /before the first/],
  'a tab indenting an item': [file([item(1), '\t- name: x']), /tab/],
  'a tab indenting a field': [file([item(1, 2, ['\tdetail: x'])]), /tab/],
  'anchors and aliases': [
    file([
      item(1, 2, ['source: &src { type: tel, target: "+15550001234" }']),
      '  - name: b\n    source: *src\n    try_interval: 1h',
    ]),
    /YAML|anchor/,
  ],
  'an anchor used within its item': [file([item(1, 2, ['x: &a 1', 'y: *a'])]), /anchor/],
  'an alias bomb': [
    `outplans:\n  - name: a\n    try_interval: 1h\n    l0: &a [x, x, x, x, x, x, x, x, x, x]\n    l1: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n    l2: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n`,
    /anchor/,
  ],
  'a tag': [file([item(1, 2, ['detail: !!str 12'])]), /tag/],
  'a tag on a top-level key': [`defaults: !!map\n  try_interval: 1h\n${file([item(1)])}`, /tag/],
  'a key that is not a string': [`true:\n  x: 1\n${file([item(1)])}`, /does not read/],
  'a top-level __proto__': [`__proto__:\n  x: 1\n${file([item(1)])}`, /__proto__/],
  'duplicate keys inside an item': [
    file([item(1), `${item(2)}\n    try_interval: 1h`, item(3)]),
    /DUPLICATE_KEY/,
  ],
  'a syntax error in item 3 of 5': [
    file([item(1), item(2), '  - name: "broken\n    try_interval: 1h', item(4), item(5)]),
    /YAML/,
  ],
  'a quoted string running across an item line': [
    file([item(1, 2, ['detail: "starts here']), '  - name: inside the string"', item(3)]),
    /YAML/,
  ],
  'a flow mapping running across an item line': [
    file([item(1, 2, ['source: { type: tel,']), '  - name: inside }', item(3)]),
    /YAML/,
  ],
  'a flow mapping running across a top-level key': [
    `defaults: { try_interval: 1h,\noutplans: x }\n${item(1)}\n`,
    /own line|plain layout/,
  ],
  'a quoted string running across a top-level key': [
    `defaults:\n  detail: "open\npolicy: inside"\n${file([item(1)])}`,
    /YAML/,
  ],
  'a line less indented than the list': [file([item(1, 4), '  stray: x']), /plain layout/],
  'a mapping key at the list indentation': [file([item(1), '  stray: x']), /not a list item/],
  'content at column 0 inside the list': [file([item(1), 'stray']), /plain layout/],
  'content before the first key': [`  indented: x\n${file([item(1)])}`, /before the first/],
};

describe('streamed config load', () => {
  for (const [name, text] of Object.entries(STREAMED)) {
    it(`streams and matches the whole-document load: ${name}`, async () => {
      const { route } = await scratch.both(text);
      expect(route).toEqual({ streamed: true });
    });
  }

  for (const [name, [text, reason]] of Object.entries(FALLBACK)) {
    it(`falls back to the whole document: ${name}`, async () => {
      const { route } = await scratch.both(text);
      expect(route.streamed).toBe(false);
      expect(route.streamed ? '' : route.reason).toMatch(reason);
    });
  }

  it('refuses a byte order mark itself (the file reader normally drops it first)', () => {
    expect(plainLayout(`\uFEFF${file([item(1)])}`)).toEqual({
      ok: false,
      reason: 'byte order mark',
    });
  });

  it('gives the same result for 2 000 outplans, with errors scattered through them', async () => {
    const items = Array.from({ length: 2000 }, (_, n) =>
      n % 397 === 5 ? item(n, 2, ['dial_timeout: 5']) : item(n),
    );
    const text = file(items, '# big\noutplans:');
    const { route, streamed } = await scratch.both(text);
    expect(route).toEqual({ streamed: true });
    expect(streamed.state.outplans).toHaveLength(2000);
    const lines = text.split('\n');
    const bad = lines.flatMap((line, i) =>
      line.endsWith('dial_timeout: 5') ? [`${i + 1}:19`] : [],
    );
    expect(bad).toHaveLength(6);
    expect(streamed.diagnostics.map((d) => `${d.at?.line}:${d.at?.col}`)).toEqual(bad);
    expect(streamed.diagnostics.every((d) => d.code === 'bare-number-duration')).toBe(true);
  });
});
