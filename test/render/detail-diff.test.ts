import { describe, expect, it } from 'vitest';
import { detailDiff } from '../../src/render/detail-diff.js';

describe('detailDiff', () => {
  it('does not show an unchanged last line as changed when a block scalar adds a line break', () => {
    expect(detailDiff('Standard sales', 'Standard sales\nline two\n')).toEqual([
      { sign: ' ', text: 'Standard sales' },
      { sign: '+', text: 'line two' },
    ]);
  });

  it('says so when only the final line break differs', () => {
    expect(detailDiff('one\ntwo', 'one\ntwo\n')).toEqual([
      { sign: ' ', text: 'one' },
      { sign: ' ', text: 'two' },
      { sign: ' ', text: '(only the final line break differs)' },
    ]);
  });

  it('shows removed and added lines', () => {
    expect(detailDiff('a\nb\n', 'a\nc\n')).toEqual([
      { sign: ' ', text: 'a' },
      { sign: '-', text: 'b' },
      { sign: '+', text: 'c' },
    ]);
  });
});
