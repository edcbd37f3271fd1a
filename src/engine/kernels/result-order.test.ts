import { describe, expect, it } from 'vitest';
import { parse } from '../parser/parser.ts';
import { isOrderedTop } from './result-order.ts';

const ordered = (q: string) => isOrderedTop(parse(q, { enableExperimentalFunctions: true }));

describe('isOrderedTop', () => {
  it('is true for sort functions and topk/bottomk at the top, under parentheses', () => {
    for (const q of ['sort(x)', 'sort_desc(x)', '(sort_by_label(x, "a"))', 'sort_by_label_desc(x, "a")', 'topk(2, x)', '((bottomk(1, x)))']) {
      expect(ordered(q), q).toBe(true);
    }
  });
  it('is false when anything else is on top', () => {
    for (const q of ['x', 'sum(sort(x))', 'sort(x) + 1', 'abs(topk(2, x))', 'limitk(2, x)', 'quantile(0.5, x)']) {
      expect(ordered(q), q).toBe(false);
    }
  });
});
