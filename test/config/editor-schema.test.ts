import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-cli.js';
import { YamlLanguageServer } from './editor/language-server.js';

const EXAMPLES = join(REPO_ROOT, 'examples');
const MODELINE = '# yaml-language-server: $schema=../schemas/outplans.schema.json\n';

/**
 * A new document beside examples/, so the modeline resolves as it does for an example
 * file. Never reused: closing a document publishes empty diagnostics for its URI.
 */
let documents = 0;
const uriOf = (name: string) => pathToFileURL(join(EXAMPLES, `__${++documents}-${name}`)).href;

/** One outplan with every field valid, and one field replaced by what the test types. */
function outplanWith(field: string, written: string): string {
  const fields: Record<string, string> = {
    name: 'Sales',
    source: '{ type: tel, target: "+15559876543" }',
    dial_timeout: '30s',
    try_interval: '2h',
    max_try_count_0: '3',
  };
  fields[field] = written;
  const lines = Object.entries(fields).map(([k, v], i) => `${i === 0 ? '  - ' : '    '}${k}: ${v}`);
  return `${MODELINE}outplans:\n${lines.join('\n')}\n`;
}

/** A message in words: no regular expression leaks into what the editor shows. */
function expectWords(message: string): void {
  expect(message).not.toMatch(/\^|\(\?[:=!]|\[0-9\]|\$"|pattern of/);
}

// Editors agree with the CLI (issue 11): yaml-language-server itself, over stdio.
describe('the schema in yaml-language-server', { timeout: 120_000 }, () => {
  let server: YamlLanguageServer;
  beforeAll(async () => {
    server = await YamlLanguageServer.start(pathToFileURL(REPO_ROOT).href);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('shows nothing for any valid example file', async () => {
    const files = (await readdir(EXAMPLES, { recursive: true })).filter((f) => /\.ya?ml$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const text = await readFile(join(EXAMPLES, file), 'utf8');
      expect(await server.diagnose(pathToFileURL(join(EXAMPLES, file)).href, text), file).toEqual(
        [],
      );
    }
  });

  it('shows nothing for the outplan the mistakes below start from', async () => {
    expect(await server.diagnose(uriOf('valid.yaml'), outplanWith('name', 'Sales'))).toEqual([]);
  });

  it.each([
    ['try_interval', '30 sec', 'Not a valid duration'],
    ['try_interval', '1d', 'Not a valid duration'],
    ['dial_timeout', "'30'", 'Not a valid duration'],
    ['dial_timeout', '30', 'A bare number has no unit: write 30s for 30 seconds'],
    ['dial_timeout', '0s', 'more than 0'],
    ['try_interval', '0h0m', 'more than 0'],
    ['try_interval', '600h', 'at most 596h31m23s647ms'],
    ['source', '{ type: tel, target: "+1 555 987" }', 'Not an E.164 number'],
    ['source', '{ type: tel, target: "15559876543" }', 'e.g. +15559876543'],
    ['max_try_count_0', "'3'", 'A whole number of dial attempts'],
  ])('%s: %s shows a message in words', async (field, written, words) => {
    const diagnostics = await server.diagnose(uriOf(`${field}.yaml`), outplanWith(field, written));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toContain(words);
    expectWords(diagnostics[0]!.message);
    // On the line of the mistake (line 0 is the modeline, 1 is `outplans:`).
    const line = ['name', 'source', 'dial_timeout', 'try_interval', 'max_try_count_0'].indexOf(
      field,
    );
    expect(diagnostics[0]!.range.start.line).toBe(line + 2);
  });

  it('explains max_try_count_N on hover: a destination index, not the guide result types', async () => {
    const text = outplanWith('max_try_count_0', '3');
    const hover = await server.hover(uriOf('hover.yaml'), text, 6, 6);
    expect(hover).toContain('maximum number of dial attempts for destination 0 (destination_0)');
    expect(hover).toContain('do not describe what the server does');
  });
});
