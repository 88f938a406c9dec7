import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { buildPlan } from '../../src/plan/index.js';
import { renderPlanJson, renderPlanMarkdown, renderPlanText } from '../../src/render/index.js';
import { desiredOutplan, desiredState } from '../plan/builders.js';

const configWarnings: Diagnostic[] = [
  {
    severity: 'warning',
    code: 'short-try-interval',
    message: 'outplan "Sales": try_interval 30s is under 1m between attempts',
    hint: 'Use at least 1m.',
    at: { file: 'outplans/sales.yaml', line: 7, col: 19 },
  },
  { severity: 'error', code: 'never-shown', message: 'errors stop before planning' },
];

const { plan } = buildPlan({
  desired: desiredState([desiredOutplan({ name: 'Sales' })]),
  live: [],
  campaigns: [],
  prune: false,
  configWarnings,
});

describe('config warnings in every plan format', () => {
  it('are carried into the plan (warnings only)', () => {
    expect(plan.warnings).toEqual([
      {
        code: 'short-try-interval',
        message: 'outplan "Sales": try_interval 30s is under 1m between attempts',
        hint: 'Use at least 1m.',
        at: { file: 'outplans/sales.yaml', line: 7, col: 19 },
      },
    ]);
  });

  it('JSON: a warnings array with code, message, position and hint', () => {
    const json = JSON.parse(renderPlanJson(plan)) as { warnings: unknown[] };
    expect(json.warnings).toEqual([
      {
        code: 'short-try-interval',
        message: 'outplan "Sales": try_interval 30s is under 1m between attempts',
        at: { file: 'outplans/sales.yaml', line: 7, col: 19 },
        hint: 'Use at least 1m.',
      },
    ]);
  });

  it('Markdown: a Warnings section before the table', () => {
    const md = renderPlanMarkdown(plan);
    expect(md).toContain(
      '#### Warnings\n\n- ⚠️ outplan "Sales": try\\_interval 30s is under 1m between attempts (<code>outplans/sales.yaml:7:19</code>) <code>short-try-interval</code> — Use at least 1m.',
    );
    expect(md.indexOf('#### Warnings')).toBeLessThan(md.indexOf('| Action |'));
  });

  it('text: after the summary line, with the hint', () => {
    const text = renderPlanText(plan, { colour: false });
    expect(
      text.endsWith(
        'Plan: 1 to create, 0 to update, 0 to delete, 0 unchanged.\n\nWarnings:\n' +
          '  ! outplan "Sales": try_interval 30s is under 1m between attempts (outplans/sales.yaml:7:19)\n' +
          '    hint: Use at least 1m.\n',
      ),
    ).toBe(true);
  });
});
