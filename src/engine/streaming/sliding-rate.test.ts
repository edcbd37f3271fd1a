import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SlidingRate } from './sliding-rate.ts';
import { BufferPool } from './pool.ts';
import { MemoryTracker } from '../model/memory-tracker.ts';
import { increase, rate } from '../kernels/rate.ts';
import type { RangeWindow } from '../kernels/types.ts';
import { slidingWindowCases } from './test-support.ts';

/** Samples 15 s apart; the window is the left-open (t[lo] − 10 s, t[hi−1] + 5 s]. */
function window(values: readonly number[], lo: number, hi: number): RangeWindow {
  const t = Float64Array.from(values, (_, i) => i * 15_000);
  const end = hi > 0 ? t[hi - 1] + 5_000 : 0;
  return { t, v: Float64Array.from(values), lo, hi, rangeStartMs: (lo < t.length ? t[lo] : end) - 10_000, rangeEndMs: end, evalMs: end };
}

function slide(isRate: boolean, values: readonly number[], windows: readonly [number, number][]): (number | undefined)[] {
  const pool = new BufferPool(new MemoryTracker(), true);
  const s = new SlidingRate(pool, isRate);
  const out = windows.map(([lo, hi]) => s.value(window(values, lo, hi)));
  s.close();
  expect(pool.outstandingCount).toBe(0);
  return out;
}

const kernelOver = (isRate: boolean, values: readonly number[], windows: readonly [number, number][]): (number | undefined)[] =>
  windows.map(([lo, hi]) => (isRate ? rate : increase)(window(values, lo, hi), []));

describe('SlidingRate', () => {
  it('adds the value before each reset inside the window, and only inside it', () => {
    // Resets at index 3 (109 → 102) and 6 (105 → 101); values far from zero, so the
    // extrapolation to the left is never cut short at the counter's zero point.
    const v = [101, 105, 109, 102, 104, 105, 101, 103];
    const w: [number, number][] = [[0, 3], [1, 4], [2, 5], [3, 6], [4, 7], [5, 8], [6, 8]];
    const got = slide(false, v, w);
    // Hand-computed increases before extrapolation (last − first + values before resets),
    // each extrapolated by (sampled + 10 s + 5 s) / sampled.
    const raw = [109 - 101, 102 - 105 + 109, 104 - 109 + 109, 105 - 102, 101 - 104 + 105, 103 - 105 + 105, 103 - 101];
    const sampled = [30, 30, 30, 30, 30, 30, 15];
    expect(got).toEqual(raw.map((x, k) => x * ((sampled[k] + 15) / sampled[k])));
    expect(got).toEqual(kernelOver(false, v, w));
  });

  it('matches the kernels bit for bit on random series and windows, including ones that jump, repeat or go back', () => {
    const value = fc.oneof(fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 0.1, 1e308), fc.integer({ min: -5, max: 50 }));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 60 }), fc.array(fc.tuple(fc.nat(), fc.nat(12)), { maxLength: 40 }), fc.boolean(), (values, raw, isRate) => {
        for (const ws of slidingWindowCases(values.length, raw)) {
          const got = slide(isRate, values, ws);
          const want = kernelOver(isRate, values, ws);
          for (let k = 0; k < ws.length; k++) if (!Object.is(got[k], want[k])) return false;
        }
        return true;
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the kernels\' results bit for bit when told where each window\'s new samples begin (window batches)', () => {
    const value = fc.oneof(fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 0.1, 1e308), fc.integer({ min: -5, max: 50 }));
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 60 }),
        fc.boolean(),
        (values, rangeS, advances, isRate) => {
          // Samples 15 s apart; window ends move forward by 0–40 s (0: the same window again).
          const t = Float64Array.from(values, (_, i) => i * 15_000);
          const v = Float64Array.from(values);
          const rangeMs = rangeS * 1_000;
          let end = -20_000;
          const ends = advances.map((a) => (end += a * 1_000));
          const firstAfter = (x: number): number => {
            let i = 0;
            while (i < t.length && t[i] <= x) i++;
            return i;
          };
          const pool = new BufferPool(new MemoryTracker(), true);
          const s = new SlidingRate(pool, isRate);
          s.reset();
          let seenHi = 0;
          for (const e of ends) {
            const w: RangeWindow = { t, v, lo: firstAfter(e - rangeMs), hi: firstAfter(e), rangeStartMs: e - rangeMs, rangeEndMs: e, evalMs: e };
            const fresh = Math.max(seenHi, w.lo);
            seenHi = Math.max(seenHi, w.hi);
            if (w.hi === w.lo) continue;
            const want = (isRate ? rate : increase)(w, []);
            if (!Object.is(s.value(w, [], fresh), want)) return false;
          }
          s.close();
          return pool.outstandingCount === 0;
        },
      ),
      { numRuns: 3000 },
    );
  });
});
