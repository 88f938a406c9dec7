import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mayDeclareTelCallerIds } from '../../src/config/tel-hint.js';

describe('the tel-source hint read from the config text', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'outplanctl-tel-hint-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const hint = (text: string) => {
    writeFileSync(join(dir, 'outplans.yaml'), text);
    return mayDeclareTelCallerIds(['.'], dir);
  };

  it.each([
    [
      'block style',
      'outplans:\n  - name: A\n    source:\n      type: tel\n      target: "+1555"\n',
    ],
    ['flow style', 'outplans:\n  - name: A\n    source: { type: tel, target: "+1555" }\n'],
    [
      'quoted, last in a flow mapping',
      'outplans:\n  - { name: A, source: {target: "+1", type: "tel"} }\n',
    ],
    [
      'in defaults, CRLF',
      'defaults:\r\n  source: { type: \'tel\', target: "+1555" }\r\noutplans: []\r\n',
    ],
    ['JSON style', 'outplans:\n  - {"name":"A","source":{"type":"tel","target":"+1555"}}\n'],
    ['at the end of the file', 'outplans:\n  - name: A\n    source:\n      type: tel'],
  ])('says yes for %s', async (_name, text) => {
    expect(await hint(text)).toBe(true);
  });

  it.each([
    ['a sip source', 'outplans:\n  - name: A\n    source: { type: sip, target: "sip:a@b" }\n'],
    ['a word containing tel', 'outplans:\n  - name: Hotel\n    detail: "type: telephone"\n'],
    ['a key ending in type', 'outplans:\n  - name: A\n    subtype: tel\n'],
    ['an escaped spelling', 'outplans:\n  - name: A\n    source: { type: "t\\x65l" }\n'],
  ])('says no for %s', async (_name, text) => {
    expect(await hint(text)).toBe(false);
  });

  it('says no, without throwing, when the path does not exist', async () => {
    expect(await mayDeclareTelCallerIds(['missing/'], dir)).toBe(false);
  });
});
