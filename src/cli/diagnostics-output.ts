import type { Diagnostic } from '../model/diagnostic.js';
import { renderDiagnosticsText, renderGithubAnnotations } from '../render/diagnostics.js';
import { useColour, type OutputStream } from './io.js';

/**
 * Diagnostics go to stderr (stdout carries results: plans, JSON, exported YAML); in GitHub
 * Actions they are also workflow annotations, so they show inline on the pull request.
 */
export function writeDiagnostics(
  diagnostics: readonly Diagnostic[],
  io: { stderr: OutputStream; env: Readonly<Record<string, string | undefined>> },
): void {
  if (diagnostics.length === 0) return;
  io.stderr.write(renderDiagnosticsText(diagnostics, { colour: useColour(io.stderr, io.env) }));
  if (io.env.GITHUB_ACTIONS === 'true') io.stderr.write(renderGithubAnnotations(diagnostics));
}

/**
 * A plan carries its config warnings in every format (after the summary in text, a section
 * in Markdown, `warnings` in JSON), so they are not printed a second time on stderr; in
 * GitHub Actions they still become annotations, which only stderr can make.
 */
export function writePlanConfigWarnings(
  diagnostics: readonly Diagnostic[],
  io: { stderr: OutputStream; env: Readonly<Record<string, string | undefined>> },
): void {
  if (diagnostics.length > 0 && io.env.GITHUB_ACTIONS === 'true')
    io.stderr.write(renderGithubAnnotations(diagnostics));
}
