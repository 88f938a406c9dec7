import { diffLines } from 'diff';

export interface DiffLine {
  readonly sign: ' ' | '-' | '+';
  readonly text: string;
}

/** A line diff of two multi-line `detail` values, every line of both shown. */
export function detailDiff(before: string, after: string): DiffLine[] {
  const lines: DiffLine[] = [];
  // A YAML block scalar ends with a line break and a plain one does not; compared raw, the
  // last line would show as removed and re-added although its text is the same.
  for (const part of diffLines(withFinalBreak(before), withFinalBreak(after))) {
    const sign = part.added ? '+' : part.removed ? '-' : ' ';
    // A part's value ends with "\n" except at the end of the text; split without a phantom line.
    const text = part.value.endsWith('\n') ? part.value.slice(0, -1) : part.value;
    for (const line of text.split('\n')) lines.push({ sign, text: line });
  }
  if (before !== after && lines.every((line) => line.sign === ' ')) {
    lines.push({ sign: ' ', text: '(only the final line break differs)' });
  }
  return lines;
}

function withFinalBreak(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}
