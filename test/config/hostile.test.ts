import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outplanctl-hostile-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function load(name: string, content: string | Buffer) {
  await writeFile(join(dir, name), content);
  return loadConfig([name], { cwd: dir });
}

function codes(loaded: Awaited<ReturnType<typeof load>>): [string, number?, number?][] {
  return loaded.diagnostics.map((d) => [d.code, d.at?.line, d.at?.col]);
}

const LAUGHS = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
].join('\n');

/** Each hostile input yields a clear diagnostic: no throw, no hang, no stack trace. */
describe('hostile and broken input', () => {
  it('alias bomb (billion laughs)', async () => {
    expect(codes(await load('bomb.yaml', LAUGHS))).toEqual([['alias-bomb', 2, 8]]);
  });

  it('deep flow nesting, a megabyte of brackets, is refused before parsing', async () => {
    const loaded = await load('deep-flow.yaml', `outplans: ${'['.repeat(1_000_000)}\n`);
    expect(codes(loaded)).toEqual([['too-deep', 1, 75]]);
    expect(loaded.diagnostics[0]!.message).toContain('more than 64 levels');
  });

  it('deep compact sequences (- - - …) are refused before parsing', async () => {
    expect(codes(await load('deep-dash.yaml', `${'- '.repeat(500_000)}x\n`))).toEqual([
      ['too-deep', 1, 129],
    ]);
  });

  it('deep block nesting by indentation gets one diagnostic, not one per level', async () => {
    const text = Array.from({ length: 1500 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n';
    const loaded = await load('deep-block.yaml', text);
    expect(loaded.diagnostics.filter((d) => d.code === 'too-deep')).toHaveLength(1);
  });

  it('duplicate keys', async () => {
    const text = 'outplans:\n  - name: A\n    name: B\n    try_interval: 1h\n';
    const loaded = await load('dup-keys.yaml', text);
    expect(codes(loaded)).toEqual([['duplicate-key', 3, 5]]);
    expect(loaded.diagnostics[0]!.message).toContain('"name"');
  });

  it('__proto__ keys are rejected and pollute nothing', async () => {
    const text =
      '__proto__: { polluted: yes }\noutplans:\n  - name: A\n    try_interval: 1h\n    max_try_count_0: 1\n    dial_timeout: 30s\n    source: { __proto__: { x: 1 } }\n';
    const loaded = await load('proto.yaml', text);
    expect(codes(loaded)).toEqual([
      ['forbidden-key', 1, 1],
      ['forbidden-key', 7, 15],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(loaded.state.outplans[0]!.fields.source).toEqual({
      type: '',
      target: '',
      target_name: '',
      name: '',
      detail: '',
    });
  });

  it('a 50 MB file is refused without being read', async () => {
    await writeFile(join(dir, 'big.yaml'), '');
    await truncate(join(dir, 'big.yaml'), 50 * 1024 * 1024);
    const loaded = await loadConfig(['big.yaml'], { cwd: dir });
    expect(codes(loaded)).toEqual([['file-too-large', 1, 1]]);
    expect(loaded.diagnostics[0]!.message).toBe('file is 50 MB; config files are limited to 8 MB');
  });

  it('binary garbage', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 97 + 13) % 256));
    expect(codes(await load('garbage.yaml', bytes))[0]![0]).toBe('not-text');
  });

  it('control characters in otherwise valid UTF-8', async () => {
    expect(codes(await load('nul.yaml', 'outplans:\n  - name: A\u0000B\n'))).toEqual([
      ['not-text', 2, 12],
    ]);
  });

  it('an empty file, and one with only comments', async () => {
    expect(codes(await load('empty.yaml', ''))).toEqual([['empty-file', 1, 1]]);
    expect(codes(await load('comments.yaml', '# nothing yet\n'))).toEqual([['empty-file', 1, 1]]);
  });

  it('a list or a scalar at the top level', async () => {
    expect(codes(await load('list.yaml', '- name: A\n- name: B\n'))).toEqual([
      ['not-a-mapping', 1, 1],
    ]);
    expect(codes(await load('scalar.yaml', 'just text\n'))).toEqual([['not-a-mapping', 1, 1]]);
  });

  it('multiple YAML documents', async () => {
    const text = 'outplans: []\n---\noutplans: []\n';
    expect(codes(await load('multi.yaml', text))).toEqual([['multiple-documents', 2, 1]]);
  });

  it('tabs used for indentation', async () => {
    const loaded = await load('tabs.yaml', 'outplans:\n\t- name: A\n');
    expect(codes(loaded)[0]).toEqual(['yaml-syntax', 2, 1]);
    expect(loaded.diagnostics[0]!.hint).toContain('spaces, not tabs');
  });

  it('YAML syntax errors keep their position and do not hide schema errors (or add warnings)', async () => {
    const loaded = await load('syntax.yaml', 'outplans:\n  - name: "unterminated\n');
    expect(codes(loaded)).toEqual([
      ['missing-field', 2, 5],
      ['yaml-syntax', 3, 1],
    ]);
    expect(loaded.diagnostics[1]!.message).toBe('Missing closing "quote');
  });

  it('a device or FIFO given as a path is refused, not read', async () => {
    const loaded = await loadConfig(['/dev/null'], { cwd: dir });
    expect(loaded.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['not-a-file', '/dev/null: not a regular file or directory'],
    ]);
  });

  it('a directory without YAML files, and a missing path', async () => {
    await mkdir(join(dir, 'nothing-here'));
    await writeFile(join(dir, 'nothing-here', 'notes.txt'), 'hello');
    const loaded = await loadConfig(['nothing-here', 'missing.yaml'], { cwd: dir });
    expect(loaded.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['no-yaml-files', 'nothing-here: directory contains no *.yaml or *.yml files'],
      ['missing-path', 'missing.yaml: no such file or directory'],
    ]);
    expect(loaded.files).toEqual([]);
  });
});
