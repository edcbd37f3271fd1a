/** Float semantics of the binary operators (Go's math where it differs from JS). */
import { describe, expect, it } from 'vitest';
import { arithmetic, compareFloats, goPow, scalarBinop, vectorElemBinop, changesMetricSchema } from './binary-ops.ts';

describe('binary operators', () => {
  it('follows Go math.Pow special cases', () => {
    expect(goPow(1, NaN)).toBe(1);
    expect(goPow(1, Infinity)).toBe(1);
    expect(goPow(-1, -Infinity)).toBe(1);
    expect(goPow(NaN, 0)).toBe(1);
    expect(goPow(2, 10)).toBe(1024);
    expect(goPow(NaN, 2)).toBeNaN();
  });
  it('takes the remainder with the sign of the dividend, NaN for x % 0', () => {
    expect(arithmetic('%', -7, 3)).toBe(-1);
    expect(arithmetic('%', 7, -3)).toBe(1);
    expect(arithmetic('%', 1, 0)).toBeNaN();
    expect(arithmetic('%', Infinity, 2)).toBeNaN();
    expect(arithmetic('/', 1, 0)).toBe(Infinity);
    expect(arithmetic('atan2', 1, 1)).toBeCloseTo(Math.PI / 4, 15);
  });
  it('compares with IEEE semantics (NaN is unequal to everything)', () => {
    expect(compareFloats('==', NaN, NaN)).toBe(false);
    expect(compareFloats('!=', NaN, NaN)).toBe(true);
    expect(scalarBinop('>=', 2, 2)).toBe(1);
    expect(scalarBinop('<', 2, 2)).toBe(0);
  });
  it('filters comparisons and keeps the left value', () => {
    const out = { value: 0, keep: false };
    vectorElemBinop('>', 5, 3, out);
    expect(out).toEqual({ value: 5, keep: true });
    vectorElemBinop('>', 1, 3, out);
    expect(out.keep).toBe(false);
    vectorElemBinop('-', 1, 3, out);
    expect(out).toEqual({ value: -2, keep: true });
  });
  it('knows which operators change the metric schema', () => {
    expect(['+', '-', '*', '/', '%', '^', 'atan2'].every((o) => changesMetricSchema(o as never))).toBe(true);
    expect(changesMetricSchema('==')).toBe(false);
    expect(changesMetricSchema('and')).toBe(false);
  });
});
