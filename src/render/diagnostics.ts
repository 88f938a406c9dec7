/**
 * Renderers for config diagnostics: compiler-style text, versioned JSON, and GitHub
 * workflow annotations. Pure: each returns a string and the caller decides the stream.
 */
import type { Diagnostic, Position } from '../model/diagnostic.js';
import { formatPosition } from '../model/diagnostic.js';
import { styleFor } from './ansi.js';

export interface DiagnosticSummary {
  readonly errors: number;
  readonly warnings: number;
  readonly files: number;
  readonly outplans: number;
}

export const DIAGNOSTICS_FORMAT_VERSION = 1;

export function summarise(
  diagnostics: readonly Diagnostic[],
  counts: { files: number; outplans: number },
): DiagnosticSummary {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return { errors, warnings: diagnostics.length - errors, ...counts };
}

/**
 * `path:line:col: error: message [code]`, then indented `hint:` and `see:` lines, as
 * compilers print them so editors and terminals can jump to the place.
 */
export function renderDiagnosticsText(
  diagnostics: readonly Diagnostic[],
  options: { colour: boolean },
): string {
  const style = styleFor(options.colour);
  let out = '';
  for (const d of diagnostics) {
    const where = d.at ? `${style.bold(formatPosition(d.at))}: ` : '';
    const severity = d.severity === 'error' ? style.red(d.severity) : style.yellow(d.severity);
    out += `${where}${severity}: ${d.message} ${style.dim(`[${d.code}]`)}\n`;
    if (d.hint) out += `  ${style.dim('hint:')} ${d.hint.replace(/\n/g, '\n        ')}\n`;
    for (const related of d.related ?? [])
      out += `  ${style.dim('see:')} ${formatPosition(related)}\n`;
  }
  return out;
}

/** One line for the end of a run. */
export function renderSummaryLine(summary: DiagnosticSummary): string {
  const files = plural(summary.files, 'file');
  const warnings = plural(summary.warnings, 'warning');
  if (summary.errors > 0) {
    return `Invalid: ${plural(summary.errors, 'error')}, ${warnings} in ${files}.\n`;
  }
  return `Valid: ${plural(summary.outplans, 'outplan')} in ${files}, ${warnings}.\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The `--format json` document; `format_version` changes only with breaking changes. */
export function renderDiagnosticsJson(
  diagnostics: readonly Diagnostic[],
  summary: DiagnosticSummary,
  files: readonly string[],
): string {
  const document = {
    format_version: DIAGNOSTICS_FORMAT_VERSION,
    valid: summary.errors === 0,
    summary,
    files,
    diagnostics: diagnostics.map((d) => ({
      severity: d.severity,
      code: d.code,
      message: d.message,
      hint: d.hint ?? null,
      file: d.at?.file ?? null,
      line: d.at?.line ?? null,
      col: d.at?.col ?? null,
      related: (d.related ?? []).map((p: Position) => ({ file: p.file, line: p.line, col: p.col })),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * GitHub workflow commands (`::error file=…,line=…,col=…::message`), so each problem
 * shows inline on the pull request. Escaping follows the runner's rules.
 */
export function renderGithubAnnotations(diagnostics: readonly Diagnostic[]): string {
  let out = '';
  for (const d of diagnostics) {
    const properties = [`title=${escapeProperty(`outplanctl ${d.code}`)}`];
    if (d.at) {
      properties.unshift(
        `file=${escapeProperty(d.at.file)}`,
        `line=${d.at.line}`,
        `col=${d.at.col}`,
      );
    }
    const message = d.hint ? `${d.message}\n${d.hint}` : d.message;
    out += `::${d.severity} ${properties.join(',')}::${escapeData(message)}\n`;
  }
  return out;
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
