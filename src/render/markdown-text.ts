/** Escaping for GitHub-flavoured Markdown built from untrusted outplan names and details. */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '|': '&#124;',
};

/** Inline code safe in a table cell (HTML `<code>`, so backticks and pipes cannot break it). */
export function mdCode(text: string): string {
  return `<code>${escapeHtml(text).replace(/\n/g, '↵')}</code>`;
}

/** Plain text safe anywhere: HTML-escaped, Markdown punctuation backslash-escaped, one line. */
export function mdText(text: string): string {
  return escapeHtml(text)
    .replace(/[\\`*_[\]#~!]/g, '\\$&')
    .replace(/\r?\n/g, ' ');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>|]/g, (ch) => HTML_ESCAPES[ch]!);
}

/** A code fence longer than any backtick run in the content, so content cannot close it. */
export function fenced(language: string, content: string): string {
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${content}\n${fence}`;
}
