import { describe, expect, it } from 'vitest';
import { buildPlan, type Plan } from '../../src/plan/index.js';
import { PLAN_MARKDOWN_MARKER, renderPlanMarkdown } from '../../src/render/index.js';
import { desiredOutplan, desiredState, liveOutplan, uuid } from '../plan/builders.js';
import { samplePlan } from './sample-plan.js';

function bigPlan(count: number): Plan {
  const live = Array.from({ length: count }, (_, i) =>
    liveOutplan(uuid(i + 1), { name: `outplan-${String(i).padStart(5, '0')}`, detail: 'a\nb' }),
  );
  const desired = live.map((l) => desiredOutplan({ ...l.fields, detail: 'a\nc\n```' }));
  return buildPlan({ desired: desiredState(desired), live, campaigns: [], prune: false }).plan;
}

/** Every <details> closed and every fence closed: nothing cut in the middle. */
function expectBalanced(markdown: string): void {
  expect(markdown.split('<details>').length).toBe(markdown.split('</details>').length);
  const fences = markdown.split('\n').filter((line) => /^`{3,}/.test(line));
  expect(fences.length % 2).toBe(0);
}

describe('renderPlanMarkdown', () => {
  it('matches the golden output', async () => {
    await expect(renderPlanMarkdown(samplePlan())).toMatchFileSnapshot('./golden/plan.md.golden');
  });

  it('starts with the stable hidden marker', () => {
    expect(PLAN_MARKDOWN_MARKER).toBe('<!-- outplanctl:plan -->');
    expect(renderPlanMarkdown(samplePlan()).split('\n')[0]).toBe(PLAN_MARKDOWN_MARKER);
    expect(renderPlanMarkdown(samplePlan(), { title: 'Plan for prod' })).toContain(
      '### Plan for prod',
    );
  });

  it('flags deletes at the top, before the table', () => {
    const md = renderPlanMarkdown(samplePlan());
    const flag = md.indexOf('⚠️ **delete** <code>Legacy promo</code>');
    expect(flag).toBeGreaterThan(0);
    expect(flag).toBeLessThan(md.indexOf('| Action |'));
  });

  it('says no changes for an empty plan', () => {
    const md = renderPlanMarkdown({ changes: [], unchanged: 3, unmanaged: [], warnings: [] });
    expect(md).toBe(
      `${PLAN_MARKDOWN_MARKER}\n### outplanctl plan\n\n**No changes. 3 outplans match the configuration.**\n`,
    );
  });

  it('stays under the default limit for a huge plan, with a note and nothing cut open', () => {
    const md = renderPlanMarkdown(bigPlan(2_000));
    expect(md.length).toBeLessThanOrEqual(65_000);
    expect(md.split('\n')[0]).toBe(PLAN_MARKDOWN_MARKER);
    expect(md).toMatch(
      /Truncated to fit GitHub's comment limit:\*\* the table lists \d+ of 2000 changes/,
    );
    expectBalanced(md);
  });

  it.each([600, 1_000, 2_500, 5_000, 9_000])('respects maxChars %d', (maxChars) => {
    const md = renderPlanMarkdown(bigPlan(30), { maxChars });
    expect(md.length).toBeLessThanOrEqual(maxChars);
    expect(md).toContain('Truncated');
    expectBalanced(md);
  });

  it('does not truncate what fits', () => {
    const md = renderPlanMarkdown(bigPlan(3));
    expect(md).not.toContain('Truncated');
    expectBalanced(md);
  });

  it('escapes names so they cannot break the table or the page', () => {
    const { plan } = buildPlan({
      desired: desiredState([desiredOutplan({ name: 'a | b </details> `x` <script>' })]),
      live: [],
      campaigns: [],
      prune: false,
    });
    const md = renderPlanMarkdown(plan);
    expect(md).toContain('<code>a &#124; b &lt;/details&gt; `x` &lt;script&gt;</code>');
    expect(md).not.toContain('<script>');
    expectBalanced(md);
  });

  it('fences a detail that itself contains a fence', () => {
    const md = renderPlanMarkdown(bigPlan(1));
    expect(md).toContain('````diff\n a\n-b\n+c\n+```\n````');
  });
});
