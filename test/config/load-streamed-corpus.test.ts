/**
 * Every YAML config in the repository, and every config text the tests write inline, loads
 * to the same LoadedConfig whether streamed or parsed as whole documents; the plain ones
 * take the streamed path.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBothWays, Scratch } from './streamed-both-ways.js';

const ROOT = join(import.meta.dirname, '..', '..');
const scratch = new Scratch();
afterAll(() => scratch.remove());

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((path) => pattern.test(path))
    .map((path) => join(dir, path))
    .sort();
}

const YAML_FILES = [
  ...filesUnder('examples', /\.ya?ml$/),
  ...filesUnder('test/fixtures', /\.ya?ml$/),
];

/**
 * Config texts the test suites write inline: string literals that contain `outplans:` and
 * interpolate nothing, evaluated as the literals they are (their escapes included).
 */
function inlineConfigs(): { name: string; text: string }[] {
  const literal = /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\$]|\\.)*`/g;
  const out: { name: string; text: string }[] = [];
  for (const path of filesUnder('test', /\.test\.ts$/)) {
    const source = readFileSync(join(ROOT, path), 'utf8');
    for (const match of source.matchAll(literal)) {
      if (!match[0].includes('outplans:')) continue;
      const text = new Function(`return ${match[0]};`)() as string;
      out.push({ name: `${path}:${source.slice(0, match.index).split('\n').length}`, text });
    }
  }
  return out;
}

describe('streamed and whole-document loads agree', () => {
  it('finds the repository configs', () => {
    expect(YAML_FILES.length).toBeGreaterThan(15);
  });

  for (const path of YAML_FILES) {
    it(`on ${path}`, async () => {
      const { routes } = await loadBothWays([path], ROOT);
      const route = routes.get(path);
      // The hand-written examples are all in the plain layout: those with outplans stream.
      const text = readFileSync(join(ROOT, path), 'utf8');
      if (path.startsWith('examples/') && text.includes('\noutplans:\n'))
        expect(route).toEqual({ streamed: true });
    });
  }

  it('on each example directory and the diagnostics fixtures as one config, strict too', async () => {
    for (const dir of [
      'examples',
      'examples/multi-env/production',
      'test/fixtures/config/diagnostics',
    ]) {
      await loadBothWays([dir], ROOT);
      await loadBothWays([dir], ROOT, true);
    }
  });

  const inline = inlineConfigs();
  it('finds the inline configs of the test suites', () => {
    expect(inline.length).toBeGreaterThan(25);
  });

  it('on every inline config of the test suites', async () => {
    let streamed = 0;
    for (const { name, text } of inline) {
      const result = await scratch.both(text).catch((error: unknown) => {
        throw new Error(`${name}: ${String(error)}`);
      });
      if (result.route.streamed) streamed++;
    }
    // Many are deliberately unusual (hostile input, fragments); the plain ones stream.
    expect(streamed).toBeGreaterThanOrEqual(5);
  });

  it('on files that split one config, with a policy block in two of them', async () => {
    const dir = await scratch.files({
      'a.yaml':
        'policy:\n  dial_timeout: { min: 10s, max: 1m }\noutplans:\n  - name: a\n    try_interval: 1h\n    dial_timeout: 5s\n',
      'b/b.yaml':
        'outplans:\n  - name: A\n    try_interval: 1h\n  - name: a\n    try_interval: 2h\npolicy:\n  max_try_count: { max: 2 }\n',
      'c.yaml':
        'prune:\n  exclude: ["", keep-*]\noutplans:\n- name: c\n  try_interval: 1h\n  max_try_count_0: 3\n',
    });
    const { routes, streamed } = await loadBothWays([dir], dir);
    expect([...routes.values()]).toEqual([
      { streamed: true },
      { streamed: true },
      { streamed: true },
    ]);
    expect(streamed.diagnostics.map((d) => d.code)).toContain('duplicate-policy');
  });
});
