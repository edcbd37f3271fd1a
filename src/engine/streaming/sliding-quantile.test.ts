import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SlidingQuantile } from './sliding-quantile.ts';
import { BufferPool } from './pool.ts';
import { MemoryTracker } from '../model/memory-tracker.ts';
import { quantileOverTime } from '../kernels/over-time.ts';
import type { RangeWindow } from '../kernels/types.ts';
import { slidingWindowCases } from './test-support.ts';

function window(values: readonly number[], lo: number, hi: number): RangeWindow {
  return { t: Float64Array.from(values, (_, i) => i * 1000), v: Float64Array.from(values), lo, hi, rangeStartMs: 0, rangeEndMs: 0, evalMs: 0 };
}

function slide(values: readonly number[], windows: readonly [number, number][], qs: readonly number[]): (number | undefined)[] {
  const pool = new BufferPool(new MemoryTracker(), true);
  const s = new SlidingQuantile(pool);
  const out = windows.map(([lo, hi], k) => s.value(window(values, lo, hi), [qs[k % qs.length]]));
  s.close();
  expect(pool.outstandingCount).toBe(0);
  return out;
}

describe('SlidingQuantile', () => {
  it('gives the quantile of each sliding window', () => {
    const v = [3, 1, 4, 1, 5, 9, 2, 6];
    const w: [number, number][] = [[0, 3], [1, 4], [2, 5], [3, 6], [4, 7], [5, 8]];
    // Medians of [3 1 4], [1 4 1], [4 1 5], [1 5 9], [5 9 2], [9 2 6].
    expect(slide(v, w, [0.5])).toEqual([3, 1, 4, 5, 5, 6]);
    // φ = 0.25 over 3 values: rank 0.5, halfway between the two smallest.
    expect(slide(v, w, [0.25])).toEqual([2, 1, 2.5, 3, 3.5, 4]);
  });

  it('matches the kernel bit for bit on random windows with NaN, ±0, ±Inf and repeats', () => {
    const value = fc.oneof(fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 0.5), fc.integer({ min: -4, max: 4 }));
    const q = fc.oneof(fc.constantFrom(0, 1, 0.5, NaN, -1, 2), fc.double({ min: 0, max: 1, noNaN: true }));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 80 }), fc.array(fc.tuple(fc.nat(), fc.nat(20)), { maxLength: 40 }), fc.array(q, { minLength: 1, maxLength: 5 }), (values, raw, qs) => {
        for (const ws of slidingWindowCases(values.length, raw)) {
          const got = slide(values, ws, qs);
          for (let k = 0; k < ws.length; k++) {
            const want = quantileOverTime(window(values, ws[k][0], ws[k][1]), [qs[k % qs.length]]);
            if (!Object.is(got[k], want)) return false;
          }
        }
        return true;
      }),
      { numRuns: 3000 },
    );
  });
});
