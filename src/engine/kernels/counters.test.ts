import { describe, expect, it } from 'vitest';
import { changes, resets } from './counters.ts';
import { loadSeries, min, windowAt } from './window-fixture.ts';

// Cases transcribed from functions.test ("Tests for resets()" / "changes()").
const foo = loadSeries(min(5), '1 2 3 0 1 0 0 1 2 0');
const bar = loadSeries(min(5), '1 2 3 4 5 1 2 3 4 5');
const biz = loadSeries(min(5), '0 0 0 0 0 1 1 1 1 1');
const at50 = (k: typeof resets, s: typeof foo, rangeMin: number) => k(windowAt(s, min(50), min(rangeMin)), []);

describe('resets', () => {
  it('matches the corpus', () => {
    expect(at50(resets, foo, 5)).toBeUndefined(); // no sample in (45m, 50m]: 10 values end at 45m
    for (const r of [10, 20, 30, 32, 50]) {
      const expected = { 10: [0, 0, 0], 20: [1, 0, 0], 30: [1, 0, 0], 32: [2, 1, 0], 50: [3, 1, 0] }[r]!;
      expect([at50(resets, foo, r), at50(resets, bar, r), at50(resets, biz, r)]).toEqual(expected);
    }
  });
});

describe('changes', () => {
  it('matches the corpus', () => {
    expect(at50(changes, foo, 5)).toBeUndefined();
    const table: Record<number, number[]> = { 6: [0, 0, 0], 20: [2, 2, 0], 30: [3, 4, 0], 50: [7, 8, 1] };
    for (const [r, expected] of Object.entries(table)) {
      expect([at50(changes, foo, +r), at50(changes, bar, +r), at50(changes, biz, +r)]).toEqual(expected);
    }
  });
  it('NaN to NaN is no change, NaN to a number is', () => {
    expect(changes(windowAt(loadSeries(min(5), 'NaN NaN NaN'), min(15), min(20)), [])).toBe(0);
    expect(changes(windowAt(loadSeries(min(5), '0 NaN 0'), min(15), min(20)), [])).toBe(2);
  });
});
