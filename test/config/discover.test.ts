import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverFiles } from '../../src/config/discover.js';
import { displayFileName } from '../../src/config/file-names.js';

describe('discoverFiles', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'outplanctl-discover-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (path: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), 'outplans: []\n');
  };

  it('reads a file reached through two links once, under the first name in sorted order', async () => {
    write('real/a.yaml');
    symlinkSync('real', join(dir, 'one'));
    symlinkSync('real', join(dir, 'two'));
    const { files, diagnostics } = await discoverFiles(['.'], dir);
    expect(diagnostics).toEqual([]);
    expect(files.map((f) => f.display)).toEqual(['one/a.yaml']);
  });

  it('a directory given twice is not "empty" the second time', async () => {
    write('conf/a.yaml');
    const { files, diagnostics } = await discoverFiles(['conf', 'conf/'], dir);
    expect(diagnostics).toEqual([]);
    expect(files.map((f) => f.display)).toEqual(['conf/a.yaml']);
  });

  it('skips hidden entries, node_modules and other file types, as documented', async () => {
    write('.git/x.yaml');
    write('node_modules/y.yaml');
    write('notes.txt');
    write('ok.yml');
    const { files, diagnostics } = await discoverFiles(['.'], dir);
    expect(diagnostics).toEqual([]);
    expect(files.map((f) => f.display)).toEqual(['ok.yml']);
  });

  it('a link to itself is an error, whatever its name', async () => {
    write('a.yaml');
    symlinkSync('self', join(dir, 'self'));
    const { diagnostics } = await discoverFiles(['.'], dir);
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['read-error', 'self: cannot read (too many levels of symbolic links)'],
    ]);
  });

  it('an empty directory says so, a directory with only an unreadable entry does not', async () => {
    mkdirSync(join(dir, 'empty'));
    mkdirSync(join(dir, 'broken'));
    symlinkSync('nowhere', join(dir, 'broken/x.yaml'));
    const { diagnostics } = await discoverFiles(['empty', 'broken'], dir);
    expect(diagnostics.map((d) => d.code)).toEqual(['no-yaml-files', 'read-error']);
  });
});

describe('displayFileName', () => {
  it('decodes UTF-8 and escapes bytes that are not, and control characters', () => {
    expect(displayFileName(Buffer.from('Café.yaml'))).toBe('Café.yaml');
    expect(displayFileName(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e, 0x79]))).toBe('caf\\xE9.y');
    expect(displayFileName(Buffer.from([0xc3, 0xa9, 0xff, 0xe2, 0x82]))).toBe('é\\xFF\\xE2\\x82');
    expect(displayFileName(Buffer.from('a\nb.yaml'))).toBe('a\\nb.yaml');
  });
});
