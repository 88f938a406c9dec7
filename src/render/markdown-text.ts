/**
 * Escaping for GitHub-flavoured Markdown built from untrusted outplan names and details.
 * Control characters are escaped too (`\u001b`): the Markdown is also printed to terminals
 * and CI logs, where a raw escape sequence or line break would act.
 */
import { displayLine, escapeControls } from '../model/display.js';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '|': '&#124;',
};

/** Inline code safe in a table cell (HTML `<code>`, so backticks and pipes cannot break it). */
export function mdCode(text: string): string {
  const oneLine = text.split('\n').map(escapeControls).join('↵');
  return `<code>${escapeHtml(oneLine)}</code>`;
}

/** Plain text safe anywhere: HTML-escaped, Markdown punctuation backslash-escaped, one line. */
export function mdText(text: string): string {
  return escapeHtml(escapeControls(text.replace(/\r?\n/g, ' '))).replace(/[\\`*_[\]#~!]/g, '\\$&');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>|]/g, (ch) => HTML_ESCAPES[ch]!);
}

/**
 * A code fence longer than any backtick run in the content, so content cannot close it.
 * Each line is escaped with `displayLine` (controls, and a leading `::` the Actions runner
 * would read as a workflow command); line breaks stay.
 */
export function fenced(language: string, text: string): string {
  const content = text.split('\n').map(displayLine).join('\n');
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${content}\n${fence}`;
}
