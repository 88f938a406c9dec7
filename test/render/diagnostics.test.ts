import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import {
  renderDiagnosticsJson,
  renderDiagnosticsText,
  renderGithubAnnotations,
  renderSummaryLine,
  summarise,
} from '../../src/render/diagnostics.js';

const DIAGNOSTICS: Diagnostic[] = [
  { severity: 'error', code: 'missing-path', message: 'nope: no such file or directory' },
  {
    severity: 'error',
    code: 'duplicate-name',
    message: 'outplan name "Sales, 50%" is already declared at a.yaml:2:11',
    hint: 'Names are unique across all files;\nrename one.',
    at: { file: 'dir/b:c.yaml', line: 8, col: 11 },
    related: [{ file: 'a.yaml', line: 2, col: 11 }],
  },
  {
    severity: 'warning',
    code: 'never-dials',
    message: 'outplan "Silent": max_try_count_0..4 are all 0',
    at: { file: 'w.yaml', line: 13, col: 5 },
  },
];

describe('diagnostic renderers', () => {
  it('text: path:line:col: severity: message [code], then hint and see lines', () => {
    expect(renderDiagnosticsText(DIAGNOSTICS, { colour: false })).toBe(
      [
        'error: nope: no such file or directory [missing-path]',
        'dir/b:c.yaml:8:11: error: outplan name "Sales, 50%" is already declared at a.yaml:2:11 [duplicate-name]',
        '  hint: Names are unique across all files;\n        rename one.',
        '  see: a.yaml:2:11',
        'w.yaml:13:5: warning: outplan "Silent": max_try_count_0..4 are all 0 [never-dials]',
        '',
      ].join('\n'),
    );
  });

  it('text colours severities only when asked', () => {
    expect(renderDiagnosticsText(DIAGNOSTICS, { colour: true })).toContain(
      '\u001b[31merror\u001b[39m',
    );
    expect(renderDiagnosticsText(DIAGNOSTICS, { colour: false })).not.toContain('\u001b');
  });

  it('summary line', () => {
    const summary = summarise(DIAGNOSTICS, { files: 3, outplans: 7 });
    expect(summary).toEqual({ errors: 2, warnings: 1, files: 3, outplans: 7 });
    expect(renderSummaryLine(summary)).toBe('Invalid: 2 errors, 1 warning in 3 files.\n');
    expect(renderSummaryLine({ errors: 0, warnings: 0, files: 1, outplans: 1 })).toBe(
      'Valid: 1 outplan in 1 file, 0 warnings.\n',
    );
  });

  it('json: versioned, one entry per diagnostic with nulls for what is absent', () => {
    const summary = summarise(DIAGNOSTICS, { files: 3, outplans: 7 });
    const parsed = JSON.parse(renderDiagnosticsJson(DIAGNOSTICS, summary, ['a.yaml']));
    expect(parsed.format_version).toBe(1);
    expect(parsed.valid).toBe(false);
    expect(parsed.files).toEqual(['a.yaml']);
    expect(parsed.diagnostics[0]).toEqual({
      severity: 'error',
      code: 'missing-path',
      message: 'nope: no such file or directory',
      hint: null,
      file: null,
      line: null,
      col: null,
      related: [],
    });
    expect(parsed.diagnostics[1].related).toEqual([{ file: 'a.yaml', line: 2, col: 11 }]);
  });

  it('GitHub annotations escape data and properties as the runner requires', () => {
    expect(renderGithubAnnotations(DIAGNOSTICS).split('\n')).toEqual([
      '::error title=outplanctl missing-path::nope: no such file or directory',
      '::error file=dir/b%3Ac.yaml,line=8,col=11,title=outplanctl duplicate-name::outplan name "Sales, 50%25" is already declared at a.yaml:2:11%0ANames are unique across all files;%0Arename one.',
      '::warning file=w.yaml,line=13,col=5,title=outplanctl never-dials::outplan "Silent": max_try_count_0..4 are all 0',
      '',
    ]);
  });
});
