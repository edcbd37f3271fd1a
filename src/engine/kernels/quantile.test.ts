import { describe, expect, it } from 'vitest';
import { invalidQuantileMessage, isInvalidQuantile, quantileInPlace, quantileOfRange, ScratchBuffer, sortNaNFirst } from './quantile.ts';

const q = (phi: number, values: number[]) => quantileInPlace(phi, Float64Array.from(values), values.length);

// Cases transcribed from aggregators.test ("Tests for quantile").
describe('quantile', () => {
  it('80th percentile; NaN is the smallest value', () => {
    expect(q(0.8, [0, 1])).toBeCloseTo(0.8, 15);
    expect(q(0.8, [0, 1, 2])).toBeCloseTo(1.6, 15);
    expect(q(0.8, [0, 1, 4])).toBeCloseTo(2.8, 15);
    expect(q(0.8, [0, 1, NaN])).toBeCloseTo(0.6, 15);
  });
  it('20th percentile: between NaN and 0 interpolates to NaN', () => {
    expect(q(0.2, [0, 1])).toBeCloseTo(0.2, 15);
    expect(q(0.2, [0, 1, 2])).toBeCloseTo(0.4, 15);
    expect(q(0.2, [0, 1, 4])).toBeCloseTo(0.4, 15);
    expect(q(0.2, [0, 1, NaN])).toBeNaN();
  });
  it('parameter domain', () => {
    expect(q(-1, [1, 2])).toBe(-Infinity);
    expect(q(2, [1, 2])).toBe(Infinity);
    expect(q(NaN, [1, 2])).toBeNaN();
    expect(q(0.5, [])).toBeNaN();
    expect(q(-1, [])).toBeNaN();
  });
  it('exact ranks and single values', () => {
    expect(q(0.5, [3, 1, 2])).toBe(2);
    expect(q(0, [3, 1, 2])).toBe(1);
    expect(q(1, [3, 1, 2])).toBe(3);
    expect(q(0.3, [7])).toBe(7);
    // As upstream: Inf·(1−0) + Inf·0 = NaN even at an exact rank.
    expect(q(1, [1, Infinity])).toBeNaN();
    expect(q(0, [1, Infinity])).toBeNaN();
    expect(q(0.5, [1, Infinity])).toBe(Infinity);
  });
});

describe('sortNaNFirst', () => {
  it('sorts NaN first then ascending, for small and large arrays', () => {
    for (const n of [0, 1, 5, 17, 100, 1000]) {
      const a = new Float64Array(n);
      for (let i = 0; i < n; i++) a[i] = i % 7 === 3 ? NaN : ((i * 7919) % 1009) - 500;
      const expected = Array.from(a).filter((x) => !Number.isNaN(x)).sort((x, y) => x - y);
      const nans = Array.from(a).filter((x) => Number.isNaN(x)).length;
      sortNaNFirst(a, n);
      const got = Array.from(a);
      expect(got.slice(0, nans).every(Number.isNaN)).toBe(true);
      expect(got.slice(nans)).toEqual(expected);
    }
  });
  it('handles many duplicates and sorted input', () => {
    const a = Float64Array.from({ length: 500 }, (_, i) => i % 3);
    sortNaNFirst(a, a.length);
    for (let i = 1; i < a.length; i++) expect(a[i - 1] <= a[i]).toBe(true);
    const b = Float64Array.from({ length: 500 }, (_, i) => 500 - i);
    sortNaNFirst(b, b.length);
    expect(b[0]).toBe(1);
    expect(b[499]).toBe(500);
  });
});

describe('helpers', () => {
  it('quantileOfRange leaves the source untouched', () => {
    const src = Float64Array.of(9, 5, 1, 3, 7);
    const scratch = new ScratchBuffer(2);
    expect(quantileOfRange(0.5, src, 1, 4, scratch.get(3))).toBe(3);
    expect(Array.from(src)).toEqual([9, 5, 1, 3, 7]);
  });
  it('ScratchBuffer grows and reuses', () => {
    const s = new ScratchBuffer(4);
    const a = s.get(3);
    expect(s.get(4)).toBe(a);
    expect(s.get(9).length).toBeGreaterThanOrEqual(9);
  });
  it('invalid quantile warning text', () => {
    expect(invalidQuantileMessage(1.5)).toBe('quantile value should be between 0 and 1, got 1.5');
    expect(invalidQuantileMessage(NaN)).toBe('quantile value should be between 0 and 1, got NaN');
    expect(invalidQuantileMessage(-1)).toBe('quantile value should be between 0 and 1, got -1');
    expect([NaN, -0.1, 1.1, 0, 1, 0.5].map(isInvalidQuantile)).toEqual([true, true, true, false, false, false]);
  });
});
