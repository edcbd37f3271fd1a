import { describe, expect, it } from 'vitest';
import { goLog } from './go-math.ts';
import { clampIsEmpty, clampValue, deg, goLog10, goLog2, rad, roundToNearest, sgn, valueKernels } from './value-functions.ts';

const k = valueKernels;

/**
 * promqltest compares floats with a relative tolerance (almost.Equal, 1e-6). JS's libm
 * may differ from Go's in the last ulp, so trig values are checked to 1e-14 relative,
 * except where the corpus value is itself approximate.
 */
function expectNear(actual: number, expected: number, rel = 1e-14): void {
  if (Number.isNaN(expected) || !Number.isFinite(expected) || expected === 0) {
    expect(actual).toBe(expected);
    return;
  }
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(rel);
}

describe('trig functions (trig_functions.test, Go results)', () => {
  // x = 10, y = 20; values printed by Prometheus (Go's math package).
  const table: [string, number, number, number][] = [
    ['sin', 10, -0.5440211108893699, 0.9129452507276277],
    ['cos', 10, -0.8390715290764524, 0.40808206181339196],
    ['tan', 10, 0.6483608274590867, 2.2371609442247427],
    ['atan', 10, 1.4711276743037345, 1.5208379310729538],
    ['sinh', 10, 11013.232920103324, 2.4258259770489514e8],
    ['cosh', 10, 11013.232920103324, 2.4258259770489514e8],
    ['tanh', 10, 0.9999999958776927, 1],
    ['asinh', 10, 2.99822295029797, 3.6895038689889055],
    ['acosh', 10, 2.993222846126381, 3.6882538673612966],
    ['rad', 10, 0.17453292519943295, 0.3490658503988659],
    ['deg', 10, 572.9577951308232, 1145.9155902616465],
  ];
  const EXACT = new Set(['sin', 'cos', 'tan', 'atan', 'rad', 'deg']);
  for (const [name, , x, y] of table) {
    it(name, () => {
      if (EXACT.has(name)) {
        // Ported from Go: the same bits Prometheus prints.
        expect(k[name](10)).toBe(x);
        expect(k[name](20)).toBe(y);
      } else {
        // The corpus prints cosh(10) for sinh(10) too (within its 1e-6 tolerance).
        const rel = name === 'sinh' ? 1e-6 : 1e-14;
        expectNear(k[name](10), x, rel);
        expectNear(k[name](20), y, rel);
      }
      expect(k[name](NaN)).toBeNaN();
    });
  }
  it('asin, acos, atanh of 10 − 10.1 and 20 − 10.1', () => {
    expect(k.asin(10 - 10.1)).toBe(-0.10016742116155944); // exact: Go's asin
    expect(k.acos(10 - 10.1)).toBe(1.670963747956456);
    expect(k.atanh(10 - 10.1)).toBe(-0.10033534773107522);
    expect(k.asin(20 - 10.1)).toBeNaN();
    expect(k.acos(20 - 10.1)).toBeNaN();
    expect(k.atanh(20 - 10.1)).toBeNaN();
  });
  it('rad/deg of 0 and −10', () => {
    expect(rad(0)).toBe(0);
    expect(rad(-10)).toBe(-0.17453292519943295);
    expect(deg(-10)).toBe(-572.9577951308232);
  });
});

describe('abs, ceil, floor, round (functions.test)', () => {
  const inputs = [2.5, 2, -2.5, -2, 0, -0, Infinity, -Infinity, NaN];
  it('abs', () => expect(inputs.map(k.abs)).toEqual([2.5, 2, 2.5, 2, 0, 0, Infinity, Infinity, NaN]));
  it('ceil', () => expect(inputs.map(k.ceil)).toEqual([3, 2, -2, -2, 0, -0, Infinity, -Infinity, NaN]));
  it('floor', () => expect(inputs.map(k.floor)).toEqual([2, 2, -3, -2, 0, -0, Infinity, -Infinity, NaN]));
  it('round ties up', () => {
    expect(inputs.map((v) => roundToNearest(v))).toEqual([3, 2, -2, -2, 0, 0, Infinity, -Infinity, NaN]);
    // round(-0) is +0 in Prometheus (floor(0.5)).
    expect(Object.is(roundToNearest(-0), 0)).toBe(true);
    expect(roundToNearest(-0.5)).toBe(0);
    expect(roundToNearest(-1.5)).toBe(-1);
  });
  it('round to nearest multiple via the inverse', () => {
    expect(roundToNearest(12.34, 0.1)).toBe(12.3);
    expect(roundToNearest(5.5, 2)).toBe(6);
    expect(roundToNearest(123, 10)).toBe(120);
    expect(roundToNearest(125, 10)).toBe(130);
    expect(roundToNearest(1.005, 0.01)).toBe(Math.floor(1.005 * 100 + 0.5) / 100);
  });
});

describe('sgn, sqrt, exp, ln', () => {
  it('sgn (functions.test)', () => {
    expect([-Infinity, Infinity, NaN, -50, 0, 100].map(sgn)).toEqual([-1, 1, NaN, -1, 0, 1]);
    expect(Object.is(sgn(-0), -0)).toBe(true);
  });
  it('special values', () => {
    expect(k.sqrt(-1)).toBeNaN();
    expect(k.ln(0)).toBe(-Infinity);
    expect(k.ln(-1)).toBeNaN();
    expect(k.exp(-Infinity)).toBe(0);
    expect(k.exp(710)).toBe(Infinity);
    expect(k.acosh(0.5)).toBeNaN();
    expect(k.atanh(1)).toBe(Infinity);
  });
});

describe('log2 and log10 as Go computes them', () => {
  it('exact for powers of two, including subnormals', () => {
    expect(goLog2(8)).toBe(3);
    expect(goLog2(0.25)).toBe(-2);
    expect(goLog2(2 ** -1074)).toBe(-1074);
    expect(goLog2(2 ** 1023)).toBe(1023);
  });
  it('special values', () => {
    expect(goLog2(0)).toBe(-Infinity);
    expect(goLog2(-0)).toBe(-Infinity);
    expect(goLog2(Infinity)).toBe(Infinity);
    expect(goLog2(-1)).toBeNaN();
    expect(goLog2(NaN)).toBeNaN();
    expect(goLog10(0)).toBe(-Infinity);
    expect(goLog10(-5)).toBeNaN();
  });
  it('Log(frac)·Log2E + exp for other values', () => {
    // 10 = 0.625 · 2^4.
    expect(goLog2(10)).toBe(goLog(0.625) * 1.4426950408889634 + 4);
    // log10 is Log(x)·(1/Ln10), not via log2: log10(10) is exactly 1.
    expect(goLog10(10)).toBe(1);
    expect(goLog10(20)).toBe(goLog(20) * 0.4342944819032518);
    expect(goLog10(1000)).toBeCloseTo(3, 15);
    expect(goLog10(100)).toBeCloseTo(2, 15);
  });
});

describe('clamp (functions.test)', () => {
  const v = [-50, 0, 100];
  it('clamp_max, clamp_min, clamp', () => {
    expect(v.map((x) => clampValue(x, -Infinity, 75))).toEqual([-50, 0, 75]);
    expect(v.map((x) => clampValue(x, -25, Infinity))).toEqual([-25, 0, 100]);
    expect(v.map((x) => clampValue(x, -25, 75))).toEqual([-25, 0, 75]);
  });
  it('NaN bounds make every value NaN; min > max is empty', () => {
    expect(v.map((x) => clampValue(x, 0, NaN)).every(Number.isNaN)).toBe(true);
    expect(v.map((x) => clampValue(x, NaN, 0)).every(Number.isNaN)).toBe(true);
    expect(clampIsEmpty(0, NaN)).toBe(false);
    expect(clampIsEmpty(5, -5)).toBe(true);
    expect(clampIsEmpty(5, 5)).toBe(false);
  });
});

describe('exp, ln, sqrt, log2, log10 (functions.test exp_root_log: x=10, y=20)', () => {
  it('match the corpus within its tolerance', () => {
    expectNear(k.exp(10), 22026.465794806718);
    expectNear(k.exp(20), 485165195.4097903);
    expectNear(k.exp(-10), 4.5399929762484854e-5);
    expect(k.exp(0)).toBe(1);
    expectNear(k.ln(10), 2.302585092994046);
    expectNear(k.ln(20), 2.995732273553991);
    expectNear(k.sqrt(10), 3.1622776601683795);
    expectNear(k.sqrt(20), 4.47213595499958);
    expectNear(k.log2(10), 3.3219280948873626);
    expectNear(k.log2(20), 4.321928094887363);
    expect(k.log10(10)).toBe(1);
    expectNear(k.log10(20), 1.301029995663981);
    expectNear(k.exp(k.ln(10)), 10);
    expectNear(k.exp(k.ln(20)), 20);
    expect(k.log2(-10)).toBeNaN();
    expect(k.log10(0)).toBe(-Infinity);
  });
});
