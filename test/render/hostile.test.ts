/* eslint-disable no-control-regex -- these tests look for raw control characters */
import { describe, expect, it } from 'vitest';
import { renderPlanJson, renderPlanMarkdown, renderPlanText } from '../../src/render/index.js';
import { uuid } from '../plan/builders.js';
import { FORGED_NAME, HOSTILE_ID, hostilePlan } from './hostile-plan.js';

/** Anything a terminal or a CI log would act on: C0 except line feed, DEL, C1, bidi. */
const RAW_CONTROL =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

/** Lines the GitHub Actions runner would read as a workflow command (it trims leading space). */
function workflowCommandLines(output: string): string[] {
  return output.split('\n').filter((line) => /^\s*(::|##\[)/.test(line));
}

describe('hostile names and values', () => {
  it('text: golden output shows every value escaped, one line per value', async () => {
    const text = renderPlanText(hostilePlan(), { colour: false });
    await expect(text).toMatchFileSnapshot('./golden/hostile.txt.golden');
    expect(text).not.toMatch(RAW_CONTROL);
    expect(workflowCommandLines(text)).toEqual([]);
    // The forged line never starts a line; the name shows with its escapes.
    expect(text.split('\n').filter((l) => l.startsWith('+ create'))).toEqual([
      '+ create "::error::create me\\u202e"',
    ]);
    expect(text).toContain(`- delete "evil\\n+ create \\"fake\\"\\u001b[31m" (${uuid(1)})`);
  });

  it('text: colour output adds only its own escapes', () => {
    const coloured = renderPlanText(hostilePlan(), { colour: true });
    const stripped = coloured.replace(/\x1b\[\d+m/g, '');
    expect(stripped).toBe(renderPlanText(hostilePlan(), { colour: false }));
  });

  it('JSON: golden output, escaped by JSON, and parses back to the exact values', async () => {
    const json = renderPlanJson(hostilePlan());
    await expect(json).toMatchFileSnapshot('./golden/hostile.json.golden');
    expect(json).not.toMatch(RAW_CONTROL);
    expect(workflowCommandLines(json)).toEqual([]);
    const doc = JSON.parse(json);
    const names = doc.changes.map((c: { name: string }) => c.name);
    expect(names).toContain(FORGED_NAME);
    expect(doc.unmanaged[0].id).toBe(HOSTILE_ID);
    const support = doc.changes.find((c: { name: string }) => c.name === 'Support');
    expect(support.after.detail).toBe('ok\n  ::warning::context\nnew \u009b31m end');
    expect(support.campaigns[0].name).toBe('Camp\u202egnp\x07');
  });

  it('Markdown: golden output, HTML-escaped and control-escaped, no workflow command', async () => {
    const md = renderPlanMarkdown(hostilePlan());
    await expect(md).toMatchFileSnapshot('./golden/hostile.md.golden');
    expect(md).not.toMatch(RAW_CONTROL);
    expect(workflowCommandLines(md)).toEqual([]);
    expect(md).toContain('<code>evil↵+ create "fake"\\u001b[31m</code>');
  });
});
