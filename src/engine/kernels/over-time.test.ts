import { describe, expect, it } from 'vitest';
import {
  absentOverTimeCore,
  avgOverTime,
  countOverTime,
  firstOverTime,
  lastOverTime,
  madOverTime,
  maxOverTime,
  minOverTime,
  presentOverTime,
  quantileOverTime,
  stddevOverTime,
  stdvarOverTime,
  sumOverTime,
  tsOfFirstOverTime,
  tsOfLastOverTime,
  tsOfMaxOverTime,
  tsOfMinOverTime,
} from './over-time.ts';
import type { RangeKernel } from './types.ts';
import { loadSeries, windowAt } from './window-fixture.ts';

const s10 = (notation: string) => loadSeries(10_000, notation);
/** Evaluates `k(series[rangeMs])` at `evalMs` with the given params. */
const at = (k: RangeKernel, notation: string, evalMs: number, rangeMs: number, params: number[] = [], intervalMs = 10_000) =>
  k(windowAt(loadSeries(intervalMs, notation), evalMs, rangeMs), params);

// Cases transcribed from Prometheus's functions.test ("Tests for avg_over_time" etc.).
describe('avg_over_time and sum_over_time', () => {
  const cases: [string, number, number][] = [
    // notation, avg_over_time[1m] at 55s, sum/count at 55s
    ['1 2 3 4 5', 3, 3],
    ['1 2 3 4 Inf', Infinity, Infinity],
    ['1 2 3 4 -Inf', -Infinity, -Infinity],
    ['1 2 3 Inf -Inf', NaN, NaN],
    ['Inf 0 Inf', Infinity, Infinity],
    ['Inf Inf Inf -Inf', NaN, NaN],
    ['1 2 3 -Inf -Inf', -Infinity, -Infinity],
    ['-Inf 0 -Inf', -Infinity, -Infinity],
    ['-Inf -Inf -Inf Inf', NaN, NaN],
    ['1 2 -Inf -Inf Inf', NaN, NaN],
    ['9.988465674311579e+307 9.988465674311579e+307', 9.988465674311579e307, Infinity],
    ['-9.988465674311579e+307 -9.988465674311579e+307 -9.988465674311579e+307', -9.988465674311579e307, -Infinity],
    ['-9.988465674311579e+307 9.988465674311579e+307', 0, 0],
    ['1 2 3 NaN NaN', NaN, NaN],
  ];
  for (const [notation, avg, ratio] of cases) {
    it(`${notation}`, () => {
      expect(at(avgOverTime, notation, 55_000, 60_000)).toBe(avg);
      const sum = at(sumOverTime, notation, 55_000, 60_000)!;
      const count = at(countOverTime, notation, 55_000, 60_000)!;
      expect(sum / count).toBe(ratio);
    });
  }

  it('has no point for an empty window and handles one sample', () => {
    expect(at(avgOverTime, '1 2 3 4 5', 55_000, 10_000)).toBeUndefined();
    expect(at(sumOverTime, '1 2 3 4 5', 55_000, 10_000)).toBeUndefined();
    expect(at(avgOverTime, '1 2 3 4 5', 55_000, 20_000)).toBe(5);
  });

  it('NaN enters only once in the window', () => {
    expect(at(avgOverTime, '1 2 3 NaN NaN', 20_000, 60_000)).toBe(2);
    expect(at(avgOverTime, '1 2 3 NaN NaN', 30_000, 60_000)).toBeNaN();
  });

  it('Kahan summation keeps small values next to huge ones', () => {
    expect(at(sumOverTime, '1 1e100 1 -1e100', 60_000, 120_000)).toBe(2);
    expect(at(avgOverTime, '1 1e100 1 -1e100', 60_000, 120_000)).toBe(0.5);
  });

  it('extreme magnitudes (load 5s)', () => {
    const a = (n: string) => at(avgOverTime, n, 55_000, 60_000, [], 5000)!;
    expect(a('1e10 1e-6 1e-6 1e-6 1e-6 1e-6')).toBeCloseTo(1.6666666666666675e9, 4);
    expect(a('5.30921651659898 0.961118537914768 1.62091361305318 0.865089463758091 0.323055185914577 0.951811357687154')).toBeCloseTo(1.67186744582113, 12);
    expect(a('1.78264e50 0.76342771 1.9592258 7.69805412 458.90154') / 3.56528e49).toBeCloseTo(1, 12);
    expect(a('1.78264E+50 0.76342771 1.9592258 2.258E+220 7.69805412 458.90154') / 3.76333333333333e219).toBeCloseTo(1, 12);
    expect(a('-1.78264E+215 0.76342771 1.9592258 2.258E+220 7.69805412 1.78264E+215 -458.90154') / 3.225714285714286e219).toBeCloseTo(1, 14);
    expect(a('-1.78264E+219 0.76342771 1.9592258 2.3757689E+217 -2.3757689E+217 2.258E+220 7.69805412 1.78264E+219 -458.90154') / 2.5088888888888888e219).toBeCloseTo(1, 14);
    // Upstream documents that even Kahan summation yields exactly 0 here.
    expect(a('-2.258E+220 -1.78264E+219 0.76342771 1.9592258 2.3757689E+217 -2.3757689E+217 2.258E+220 7.69805412 1.78264E+219 -458.90154')).toBe(0);
  });

  it('a constant series averages to exactly the constant', () => {
    for (const r of [100_000, 110_000, 120_000, 130_000]) expect(at(avgOverTime, '52+0x100', 600_000, r)).toBe(52);
  });

  it('dense 1ms samples sum exactly', () => {
    for (const r of [1000, 1001, 1002, 1003, 2000, 2003, 3000, 3003]) expect(at(sumOverTime, '1+0x4000', 4000, r, [], 1)).toBe(r);
  });

  it('switches to incremental mean on overflow, as upstream', () => {
    // 1e308 + 1e308 overflows: mean of (1e308, 1e308, 1e308) via incremental path is 1e308.
    expect(at(avgOverTime, '1e308 1e308 1e308', 30_000, 60_000)).toBe(1e308);
    expect(at(sumOverTime, '1e308 1e308 -1e308', 30_000, 60_000)).toBe(Infinity);
  });
});

describe('count, present, absent core, first, last', () => {
  it('count_over_time and friends', () => {
    expect(at(countOverTime, '1 _ 3 NaN', 30_000, 60_000)).toBe(3);
    expect(at(presentOverTime, '1 _ 3 NaN', 30_000, 60_000)).toBe(1);
    expect(at(absentOverTimeCore, '1 _ 3 NaN', 30_000, 60_000)).toBe(1);
    expect(at(presentOverTime, '1 _ 3 NaN', 15_000, 5_000)).toBeUndefined();
    expect(at(absentOverTimeCore, '1 _ 3', 15_000, 5_000)).toBeUndefined();
    expect(at(countOverTime, '1', 30_000, 5_000)).toBeUndefined();
    expect(at(firstOverTime, '1 _ 3 NaN', 30_000, 25_000)).toBe(3);
    expect(at(lastOverTime, '1 _ 3 NaN 5', 30_000, 25_000)).toBeNaN();
    expect(at(lastOverTime, '1 _ 3 NaN 5', 40_000, 25_000)).toBe(5);
  });
});

describe('min/max_over_time', () => {
  it('NaN only when all values are NaN', () => {
    expect(at(maxOverTime, 'NaN 1 NaN 3 2', 40_000, 60_000)).toBe(3);
    expect(at(minOverTime, 'NaN 1 NaN 3 2', 40_000, 60_000)).toBe(1);
    expect(at(maxOverTime, 'NaN NaN', 10_000, 60_000)).toBeNaN();
    expect(at(minOverTime, '3 -Inf 2', 20_000, 60_000)).toBe(-Infinity);
    expect(at(maxOverTime, '3 Inf 2', 20_000, 60_000)).toBe(Infinity);
  });
});

describe('ts_of_*_over_time', () => {
  // load 10s53ms
  const iv = 10_053;
  it('ts_of_min/max pick the sample time in seconds', () => {
    expect(at(tsOfMinOverTime, '1 2 3 0 5 6 2 1 4', 90_000, 90_000, [], iv)).toBe(30.159);
    expect(at(tsOfMaxOverTime, '1 2 3 0 5 6 2 1 4', 90_000, 90_000, [], iv)).toBe(50.265);
  });
  it('ties pick the latest occurrence', () => {
    expect(at(tsOfMaxOverTime, '5 1 5 2', 30_000, 60_000)).toBe(20);
    expect(at(tsOfMinOverTime, '1 5 1 2', 30_000, 60_000)).toBe(20);
    // NaN first: replaced by the next value.
    expect(at(tsOfMaxOverTime, 'NaN 1', 10_000, 60_000)).toBe(10);
  });
  it('ts_of_last/first', () => {
    expect(at(tsOfLastOverTime, '1 2 3 _ _', 90_000, 90_000, [], iv)).toBe(20.106);
    expect(at(tsOfLastOverTime, '1 2 3 _ _', 95_000, 90_000, [], iv)).toBe(20.106);
    expect(at(tsOfFirstOverTime, '_ _ 1 2 3 _ _', 90_000, 90_000, [], iv)).toBe(20.106);
    expect(at(tsOfFirstOverTime, '_ _ 1 2 3 _ _', 15_000, 90_000, [], iv)).toBeUndefined();
  });
});

describe('stddev/stdvar_over_time', () => {
  it('matches the corpus', () => {
    expect(at(stdvarOverTime, '0 8 8 2 3', 60_000, 120_000)).toBeCloseTo(10.56, 12);
    expect(at(stddevOverTime, '0 8 8 2 3', 60_000, 120_000)).toBeCloseTo(3.249615, 6);
  });
  it('is exactly 0 for a constant (#4927)', () => {
    const c = '1.5990505637277868 1.5990505637277868 1.5990505637277868';
    expect(at(stdvarOverTime, c, 55_000, 60_000)).toBe(0);
    expect(at(stddevOverTime, c, 55_000, 60_000)).toBe(0);
  });
  it('one sample has zero variance; Inf makes NaN', () => {
    expect(at(stdvarOverTime, '7', 0, 10_000)).toBe(0);
    expect(at(stdvarOverTime, '1 Inf', 10_000, 60_000)).toBeNaN();
  });
});

describe('quantile_over_time', () => {
  const data: Record<string, string> = { two: '0 1', three: '0 1 2', uneven: '0 1 4' };
  const expected: [number, number, number, number][] = [
    [0, 0, 0, 0],
    [0.5, 0.5, 1, 1],
    [0.75, 0.75, 1.5, 2.5],
    [0.8, 0.8, 1.6, 2.8],
    [1, 1, 2, 4],
    [-1, -Infinity, -Infinity, -Infinity],
    [2, Infinity, Infinity, Infinity],
  ];
  for (const [q, two, three, uneven] of expected) {
    it(`φ=${q}`, () => {
      expect(at(quantileOverTime, data.two, 60_000, 120_000, [q])).toBeCloseTo(two, 14);
      expect(at(quantileOverTime, data.three, 60_000, 120_000, [q])).toBeCloseTo(three, 14);
      expect(at(quantileOverTime, data.uneven, 60_000, 120_000, [q])).toBeCloseTo(uneven, 14);
    });
  }
  it('NaN φ gives NaN; the window is left untouched', () => {
    expect(at(quantileOverTime, '0 1', 60_000, 120_000, [NaN])).toBeNaN();
    const s = s10('3 1 2');
    quantileOverTime(windowAt(s, 30_000, 60_000), [0.5]);
    expect(Array.from(s.v)).toEqual([3, 1, 2]);
  });
  it('NaN samples sort first', () => {
    // Sorted: NaN, 1, 2 → q=0 is NaN, q=1 is 2, q=0.75 between 1 and 2.
    expect(at(quantileOverTime, '2 NaN 1', 30_000, 60_000, [0])).toBeNaN();
    expect(at(quantileOverTime, '2 NaN 1', 30_000, 60_000, [1])).toBe(2);
    expect(at(quantileOverTime, '2 NaN 1', 30_000, 60_000, [0.75])).toBe(1.5);
  });
  it('large unsorted windows', () => {
    const n = 1001;
    const vals = Array.from({ length: n }, (_, i) => (i * 7919) % n); // a permutation of 0..1000
    const s = { t: Float64Array.from(vals, (_, i) => i + 1), v: Float64Array.from(vals) };
    const w = { t: s.t, v: s.v, lo: 0, hi: n, rangeStartMs: 0, rangeEndMs: n, evalMs: n };
    expect(quantileOverTime(w, [0.5])).toBe(500);
    expect(quantileOverTime(w, [0.9])).toBe(900);
    expect(quantileOverTime(w, [0.0005])).toBeCloseTo(0.5, 12);
  });
});

describe('mad_over_time', () => {
  it('matches the corpus', () => {
    expect(at(madOverTime, '4 6 2 1 999 1 2', 70_000, 70_000)).toBe(1);
    expect(at(madOverTime, '1 2 3 4 5', 40_000, 50_000)).toBe(1);
    expect(at(madOverTime, '7 7 7 7 7', 40_000, 50_000)).toBe(0);
    expect(at(madOverTime, '5', 0, 10_000)).toBe(0);
    expect(at(madOverTime, '1 2 NaN 4', 30_000, 40_000)).toBeNaN();
  });
});

describe('min/max/last/first/count_over_time table (functions.test "Tests for *_over_time")', () => {
  const data: Record<string, string> = {
    numbers: '2 0 3',
    some_nan: '2 0 NaN',
    some_nan2: '2 NaN 1',
    some_nan3: 'NaN 0 1',
    only_nan: 'NaN NaN NaN',
    sparse: '_ 5 2 _ 4 _',
  };
  const expected: Record<string, [number, number, number, number, number]> = {
    // min, max, last, first, count
    numbers: [0, 3, 3, 2, 3],
    some_nan: [0, 2, NaN, 2, 3],
    some_nan2: [1, 2, 1, 2, 3],
    some_nan3: [0, 1, 1, NaN, 3],
    only_nan: [NaN, NaN, NaN, NaN, 3],
    sparse: [2, 5, 4, 5, 3],
  };
  for (const [name, notation] of Object.entries(data)) {
    it(name, () => {
      const got = [minOverTime, maxOverTime, lastOverTime, firstOverTime, countOverTime].map((k) => at(k, notation, 60_000, 120_000));
      expect(got).toEqual(expected[name]);
    });
  }
});
