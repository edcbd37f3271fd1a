import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goAcos, goAsin, goAtan, goCos, goLog, goSin, goTan } from './go-math.ts';

// Values printed by Prometheus (Go) in trig_functions.test: exact bit equality.
describe("Go's trig functions, bit for bit", () => {
  it('match trig_functions.test exactly', () => {
    expect(goSin(10)).toBe(-0.5440211108893699);
    expect(goSin(20)).toBe(0.9129452507276277);
    expect(goCos(10)).toBe(-0.8390715290764524);
    expect(goCos(20)).toBe(0.40808206181339196);
    expect(goTan(10)).toBe(0.6483608274590867);
    expect(goTan(20)).toBe(2.2371609442247427);
    expect(goAtan(10)).toBe(1.4711276743037345);
    expect(goAtan(20)).toBe(1.5208379310729538);
    expect(goAsin(10 - 10.1)).toBe(-0.10016742116155944);
    expect(goAcos(10 - 10.1)).toBe(1.670963747956456);
  });
  it('special values', () => {
    expect(Object.is(goSin(-0), -0)).toBe(true);
    expect(Object.is(goTan(-0), -0)).toBe(true);
    expect(Object.is(goAtan(-0), -0)).toBe(true);
    expect(Object.is(goAsin(-0), -0)).toBe(true);
    expect(goCos(0)).toBe(1);
    for (const f of [goSin, goCos, goTan]) {
      expect(f(Infinity)).toBeNaN();
      expect(f(-Infinity)).toBeNaN();
      expect(f(NaN)).toBeNaN();
    }
    expect(goAtan(Infinity)).toBe(Math.PI / 2);
    expect(goAtan(-Infinity)).toBe(-Math.PI / 2);
    expect(goAsin(1.5)).toBeNaN();
    expect(goAsin(NaN)).toBeNaN();
    expect(goAcos(2)).toBeNaN();
    expect(goAsin(1)).toBe(Math.PI / 2);
    expect(goAcos(1)).toBe(0);
  });
  it('agree with Math.* to within a few ulps everywhere (including huge arguments)', () => {
    const close = (a: number, b: number) => Math.abs(a - b) <= 4 * Number.EPSILON * Math.max(1, Math.abs(b));
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
        expect(close(goSin(x), Math.sin(x))).toBe(true);
        expect(close(goCos(x), Math.cos(x))).toBe(true);
        expect(close(goAtan(x), Math.atan(x))).toBe(true);
        const t = Math.tan(x);
        if (Math.abs(t) < 1e6) expect(Math.abs(goTan(x) - t)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(t) ** 2));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true }), (x) => {
        expect(close(goAsin(x), Math.asin(x))).toBe(true);
        expect(close(goAcos(x), Math.acos(x))).toBe(true);
      }),
      { numRuns: 3000 },
    );
    expect(goSin(1e10)).toBe(Math.sin(1e10));
    expect(goCos(-1e300)).toBe(Math.cos(1e300));
  });
});

describe("Go's Log (amd64 algorithm)", () => {
  it('special values and exact cases', () => {
    expect(goLog(1)).toBe(0);
    expect(goLog(0)).toBe(-Infinity);
    expect(goLog(-0)).toBe(-Infinity);
    expect(goLog(-1)).toBeNaN();
    expect(goLog(-Infinity)).toBeNaN();
    expect(goLog(Infinity)).toBe(Infinity);
    expect(goLog(NaN)).toBeNaN();
    expect(goLog(2)).toBe(Math.LN2);
    expect(goLog(10)).toBe(2.302585092994046); // functions.test ln(10)
    expect(goLog(20)).toBe(2.995732273553991); // functions.test ln(20)
  });
  it('stays within one ulp of Math.log, including subnormals and huge values', () => {
    fc.assert(
      fc.property(fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true }), (x) => {
        const a = goLog(x);
        const b = Math.log(x);
        expect(Math.abs(a - b)).toBeLessThanOrEqual(2 * Number.EPSILON * Math.max(1, Math.abs(b)));
      }),
      { numRuns: 5000 },
    );
    expect(Math.abs(goLog(5e-324) - Math.log(5e-324))).toBeLessThan(1e-12);
  });
});
