import { describe, expect, it } from 'vitest';
import { toLineCol, utf8Length } from './position.ts';

describe('positions', () => {
  it('gives 1-based lines and byte columns', () => {
    expect(toLineCol('rate(x[5m])', 5)).toEqual({ line: 1, col: 6 });
    expect(toLineCol('a +\n  rate(x[5m])', 6)).toEqual({ line: 2, col: 3 });
    // "é" is two bytes in UTF-8, so the column after it moves by two.
    expect(toLineCol('{a="é"} + b', 10)).toEqual({ line: 1, col: 12 });
  });

  it('counts UTF-8 bytes', () => {
    expect(utf8Length('aé✓\u{1f600}')).toBe(1 + 2 + 3 + 4);
  });
});
