import { describe, expect, it } from 'vitest';
import { anchoredRangeKernels, extendedModifierErrorMessage, extendRangeWindow, smoothedInstantValue, smoothedRangeKernels } from './extended-range.ts';
import type { FixtureSeries } from './window-fixture.ts';
import { loadSeries, min } from './window-fixture.ts';
import type { RangeWindow } from './types.ts';

const LOOKBACK = min(5);

/** The window an evaluator passes for `f(s[range] anchored|smoothed)` at evalMs. */
function extendedWindow(s: FixtureSeries, evalMs: number, rangeMs: number, smoothed: boolean): RangeWindow {
  const rangeEndMs = evalMs;
  const rangeStartMs = rangeEndMs - rangeMs;
  const fetchStart = rangeStartMs - LOOKBACK;
  const fetchEnd = smoothed ? rangeEndMs + LOOKBACK : rangeEndMs;
  let lo = 0;
  while (lo < s.t.length && s.t[lo] <= fetchStart) lo++;
  let hi = lo;
  while (hi < s.t.length && s.t[hi] <= fetchEnd) hi++;
  return { t: s.t, v: s.v, lo, hi, rangeStartMs, rangeEndMs, evalMs };
}
const anchored = (f: string, s: FixtureSeries, evalMs: number, rangeMs: number) => anchoredRangeKernels[f](extendedWindow(s, evalMs, rangeMs, false), []);
const smoothed = (f: string, s: FixtureSeries, evalMs: number, rangeMs: number) => smoothedRangeKernels[f](extendedWindow(s, evalMs, rangeMs, true), []);
const sec = (x: number) => x * 1000;

// Cases transcribed from extended_vectors.test.
describe('increase anchored / smoothed (PROM-52 datasets)', () => {
  const times = [5, 20, 35, 50, 65, 80, 95, 110, 125];
  it('complete dataset', () => {
    const s = loadSeries(sec(15), '1+1x4 9+1x4');
    expect(times.map((t) => anchored('increase', s, sec(t), min(1)))).toEqual([0, 1, 2, 3, 4, 7, 7, 7, 7]);
    const sm = [0.333333333, 1.333333333, 2.333333333, 3.333333333, 5, 7, 7, 7, 6];
    times.forEach((t, i) => expect(smoothed('increase', s, sec(t), min(1))).toBeCloseTo(sm[i], 8));
  });
  it('partial dataset', () => {
    const s = loadSeries(sec(15), '1+1x2 _ _ 9+1x4');
    expect(times.map((t) => anchored('increase', s, sec(t), min(1)))).toEqual([0, 1, 2, 2, 2, 7, 7, 8, 9]);
    const sm = [0.333333333, 1.333333333, 2.666666666, 4.666666666, 6.333333333, 7, 6.666666666, 5.666666666, 4.666666666];
    times.forEach((t, i) => expect(smoothed('increase', s, sec(t), min(1))).toBeCloseTo(sm[i], 8));
  });
  it('the interval is left-open', () => {
    const s = loadSeries(min(1), '1 2 _ 4 5');
    expect(smoothed('increase', s, min(2), min(1))).toBe(1);
    expect(anchored('increase', s, min(2), min(1))).toBeUndefined();
  });
});

describe('counter resets and delta', () => {
  const id1 = loadSeries(min(1), '1+1x4 1+1x4');
  const id2 = loadSeries(min(1), '3 2+2x9');
  const id3 = loadSeries(min(1), '5+3x2 3+3x6');
  const at = (fn: (f: string, s: FixtureSeries, e: number, r: number) => number | undefined, f: string, e: number, r: number) =>
    [id1, id2, id3].map((s) => fn(f, s, e, r));
  it('increase at 1m30s', () => {
    expect(at(smoothed, 'increase', min(1.5), min(1))).toEqual([1, 2, 3]);
    expect(at(anchored, 'increase', min(1.5), min(1))).toEqual([1, 2, 3]);
  });
  it('delta anchored', () => {
    expect(at(anchored, 'delta', min(1.5), min(1))).toEqual([1, -1, 3]);
    expect(at(anchored, 'delta', min(3), min(1))).toEqual([1, 2, -8]);
    expect(at(anchored, 'delta', min(3.5), min(1))).toEqual([1, 2, -8]);
  });
  it('increase over 5m', () => {
    expect(at(smoothed, 'increase', min(6.25), min(5))).toEqual([5, 10, 15]);
    expect(at(smoothed, 'increase', min(6), min(5))).toEqual([5, 10, 15]);
    expect(at(anchored, 'increase', min(5), min(5))).toEqual([5, 10, 15]);
    expect(at(anchored, 'increase', min(15), min(5))).toEqual([undefined, undefined, undefined]);
  });
  it('delta smoothed with wild values', () => {
    const a = loadSeries(min(1), '11 -1 100 0');
    const b = loadSeries(min(1), '0 0 100 0 0 11 -1');
    expect(smoothed('delta', a, min(5.5), min(5))).toBeCloseTo(-5, 12);
    expect(smoothed('delta', b, min(5.5), min(5))).toBeCloseTo(5, 12);
    expect(smoothed('delta', a, min(5.75), min(5))).toBeCloseTo(-2, 12);
    expect(smoothed('delta', b, min(5.75), min(5))).toBeCloseTo(2, 12);
  });
  it('rate divides by the range', () => {
    expect(anchored('rate', id2, min(5), min(5))).toBe(10 / 300);
  });
});

describe('changes and resets anchored', () => {
  const s = ['1+1x10', '1 1+1x10', '99-1x10', '99 99-1x10'].map((n) => loadSeries(min(1), n));
  const all = (f: string, e: number, r: number) => s.map((x) => anchored(f, x, e, r));
  it('changes', () => {
    expect(all('changes', min(5), min(5))).toEqual([5, 4, 5, 4]);
    expect(all('changes', min(6), min(5))).toEqual([5, 5, 5, 5]);
    expect(all('changes', min(5.5), min(5))).toEqual([5, 4, 5, 4]);
  });
  it('resets', () => {
    expect(all('resets', min(5.5), min(5))).toEqual([0, 0, 5, 4]);
  });
  it('sparse samples', () => {
    const a = loadSeries(min(1), '2 _ 1 _ _ _ _ _ 0');
    const b = loadSeries(min(1), '99-1x10');
    expect([anchored('changes', a, min(2), min(1)), anchored('changes', b, min(2), min(1))]).toEqual([1, 1]);
    expect([anchored('changes', a, min(3), min(1)), anchored('changes', b, min(3), min(1))]).toEqual([undefined, 1]);
    expect([anchored('changes', a, min(8), min(1)), anchored('changes', b, min(8), min(1))]).toEqual([0, 1]);
    expect([anchored('changes', a, min(8), min(1) + 1), anchored('changes', b, min(8), min(1) + 1)]).toEqual([1, 2]);
  });
});

describe('modifier errors', () => {
  it('uses the sorted safe-function lists', () => {
    expect(extendedModifierErrorMessage('anchored', 'sum_over_time')).toBe(
      'anchored modifier can only be used with: changes, delta, increase, rate, resets - not with sum_over_time',
    );
    expect(extendedModifierErrorMessage('smoothed', 'changes')).toBe('smoothed modifier can only be used with: delta, increase, rate - not with changes');
  });
});

describe('smoothed instant selector (extended_vectors.test)', () => {
  const val = (notation: string, evalMs: number) => {
    const s = loadSeries(sec(10), notation);
    let lo = 0;
    while (lo < s.t.length && s.t[lo] <= evalMs - LOOKBACK) lo++;
    let hi = lo;
    while (hi < s.t.length && s.t[hi] <= evalMs + LOOKBACK) hi++;
    return smoothedInstantValue(s.t, s.v, lo, hi, evalMs);
  };
  it('interpolates, matches exactly, carries forward', () => {
    expect(val('1+1x10', sec(10))).toBe(2);
    expect(val('1+1x10', sec(15))).toBe(2.5);
    expect(val('1+1x10', sec(5))).toBe(1.5);
    expect(val('1+1x10', sec(105))).toBe(11);
    expect(val('1+1x4 1+1x5', sec(45))).toBe(3); // a reset is interpolated as a gauge
    expect(val('0 5 100 2 8', sec(30))).toBe(2);
    expect(val('_ 5', sec(5))).toBeUndefined();
  });
});

describe('extendRangeWindow', () => {
  it('adds boundary points', () => {
    const s = loadSeries(min(1), '1 2 3 4 5');
    const outT = new Float64Array(8);
    const outV = new Float64Array(8);
    // x[2m] anchored at 3m30s: anchor 2 (sample at 1m), inside 2m and 3m, end value 4 (last sample).
    // Smoothed interpolates both edges instead: 2.5 at 1m30s, 4.5 at 3m30s.
    const w = extendedWindow(s, min(3.5), min(2), false);
    const n = extendRangeWindow(w, false, outT, outV);
    expect(Array.from(outT.subarray(0, n))).toEqual([min(1.5), min(2), min(3), min(3.5)]);
    expect(Array.from(outV.subarray(0, n))).toEqual([2, 3, 4, 4]);
    const ws = extendedWindow(s, min(3.5), min(2), true);
    const m = extendRangeWindow(ws, true, outT, outV);
    expect(Array.from(outT.subarray(0, m))).toEqual([min(1.5), min(2), min(3), min(3.5)]);
    expect(Array.from(outV.subarray(0, m))).toEqual([2.5, 3, 4, 4.5]);
    expect(extendRangeWindow(extendedWindow(s, min(20), min(2), false), false, outT, outV)).toBe(0);
  });
});
