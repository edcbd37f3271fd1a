import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SlidingExtremum } from './sliding-extremum.ts';
import { BufferPool } from './pool.ts';
import { MemoryTracker } from '../model/memory-tracker.ts';
import { maxOverTime, minOverTime } from '../kernels/over-time.ts';
import type { RangeWindow } from '../kernels/types.ts';

function window(t: number[], v: number[], lo: number, hi: number): RangeWindow {
  return { t: Float64Array.from(t), v: Float64Array.from(v), lo, hi, rangeStartMs: 0, rangeEndMs: 0, evalMs: 0 };
}

/** Runs the deque over successive windows [lo, lo + len) of one series. */
function slide(max: boolean, values: number[], windows: readonly [number, number][]): (number | undefined)[] {
  const pool = new BufferPool(new MemoryTracker(), true);
  const s = new SlidingExtremum(pool, max);
  const t = values.map((_, i) => i * 1000);
  const out = windows.map(([lo, hi]) => s.value(window(t, values, lo, hi)));
  s.close();
  expect(pool.outstandingCount).toBe(0);
  return out;
}

const kernelOver = (max: boolean, values: number[], windows: readonly [number, number][]): (number | undefined)[] =>
  windows.map(([lo, hi]) => (max ? maxOverTime : minOverTime)(window(values.map((_, i) => i * 1000), values, lo, hi), []));

describe('SlidingExtremum', () => {
  it('gives the max and min of each sliding window', () => {
    const v = [3, 1, 4, 1, 5, 9, 2, 6];
    const w: [number, number][] = [[0, 3], [1, 4], [2, 5], [3, 6], [4, 7], [5, 8], [7, 8]];
    expect(slide(true, v, w)).toEqual([4, 4, 5, 9, 9, 9, 6]);
    expect(slide(false, v, w)).toEqual([1, 1, 1, 1, 2, 2, 6]);
  });

  it('ignores NaN unless the whole window is NaN, and keeps the earliest of equal values', () => {
    const v = [NaN, 2, NaN, NaN, -0, 0, 0, -0];
    const w: [number, number][] = [[0, 1], [0, 2], [2, 4], [4, 6], [5, 8], [7, 8]];
    const got = slide(true, v, w);
    expect(got[0]).toBeNaN();
    expect(got[1]).toBe(2);
    expect(got[2]).toBeNaN();
    expect(Object.is(got[3], -0)).toBe(true); // -0 came first, 0 is not larger
    expect(Object.is(got[4], 0)).toBe(true);
    expect(Object.is(got[5], -0)).toBe(true);
  });

  it('matches the kernels on random windows, including ones that jump, repeat or go back', () => {
    const value = fc.oneof(fc.constantFrom(NaN, Infinity, -Infinity, 0, -0), fc.integer({ min: -5, max: 5 }));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 60 }), fc.array(fc.tuple(fc.nat(), fc.nat(8)), { maxLength: 40 }), fc.boolean(), (values, raw, max) => {
        const n = values.length;
        // Mostly forward-moving windows (sorted starts), plus whatever the raw draw gives.
        const starts = raw.map(([a]) => a % n).sort((a, b) => a - b);
        const windows: [number, number][] = starts.map((lo, k) => [lo, Math.min(n, lo + raw[k][1])]);
        const backAndForth: [number, number][] = raw.map(([a, len]) => [a % n, Math.min(n, (a % n) + len)]);
        for (const ws of [windows, backAndForth]) {
          const got = slide(max, values, ws);
          const want = kernelOver(max, values, ws);
          for (let k = 0; k < ws.length; k++) if (!Object.is(got[k], want[k])) return false;
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });
});
