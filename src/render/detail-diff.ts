import { diffLines } from 'diff';

export interface DiffLine {
  readonly sign: ' ' | '-' | '+';
  readonly text: string;
}

/** A line diff of two multi-line `detail` values, every line of both shown. */
export function detailDiff(before: string, after: string): DiffLine[] {
  const lines: DiffLine[] = [];
  for (const part of diffLines(before, after)) {
    const sign = part.added ? '+' : part.removed ? '-' : ' ';
    // A part's value ends with "\n" except at the end of the text; split without a phantom line.
    const text = part.value.endsWith('\n') ? part.value.slice(0, -1) : part.value;
    for (const line of text.split('\n')) lines.push({ sign, text: line });
  }
  return lines;
}
