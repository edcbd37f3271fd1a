import { describe, expect, it } from 'vitest';
import { KahanMean, KahanSum, kahanSumInc } from './kahan.ts';

describe('KahanSum', () => {
  it('compensates cancellation (Neumaier)', () => {
    const k = new KahanSum();
    for (const x of [1, 1e100, 1, -1e100]) k.add(x);
    expect(k.value()).toBe(2);
    // A naive sum loses the ones.
    expect(1 + 1e100 + 1 - 1e100).toBe(0);
  });
  it('handles a small increment after a large sum', () => {
    const k = new KahanSum();
    for (const x of [1e16, 1, 1, 1, 1]) k.add(x);
    expect(k.value()).toBe(1e16 + 4);
  });
  it('drops the compensation once the sum is infinite', () => {
    const k = new KahanSum();
    k.add(1e308);
    k.add(1e308); // overflows: sum Inf, c reset to 0
    expect(k.sum).toBe(Infinity);
    expect(k.c).toBe(0);
    expect(k.value()).toBe(Infinity);
    // Without the reset, c would be NaN-producing (Inf − Inf).
    k.add(1);
    expect(k.value()).toBe(Infinity);
  });
  it('returns an infinite sum without compensation; Inf − Inf is NaN', () => {
    const k = new KahanSum();
    k.add(Infinity);
    k.add(-Infinity);
    expect(k.value()).toBeNaN();
  });
  it('reset starts over', () => {
    const k = new KahanSum();
    k.add(5);
    k.reset();
    k.add(1);
    expect(k.value()).toBe(1);
  });
  it('kahanSumInc equals the class', () => {
    const out = new Float64Array(2);
    const k = new KahanSum();
    let sum = 0;
    let c = 0;
    for (const x of [0.1, 0.2, 0.3, 1e20, -1e20, 0.4]) {
      kahanSumInc(x, sum, c, out);
      sum = out[0];
      c = out[1];
      k.add(x);
    }
    expect(sum).toBe(k.sum);
    expect(c).toBe(k.c);
    expect(sum + c).toBeCloseTo(1, 15);
  });
});

describe('KahanMean', () => {
  it('direct mean while the sum is finite', () => {
    const m = new KahanMean();
    for (const x of [1, 2, 3, 4, 5]) m.add(x);
    expect(m.value()).toBe(3);
    expect(m.size).toBe(5);
  });
  it('falls back to the incremental mean on overflow', () => {
    const m = new KahanMean();
    for (const x of [9.988465674311579e307, 9.988465674311579e307]) m.add(x);
    expect(m.value()).toBe(9.988465674311579e307);
    m.reset();
    for (const x of [1e308, 1e308, -1e308, -1e308]) m.add(x);
    // Incremental from the 2nd value: mean 1e308, 1e308, (2/3·1e308 − 1/3·1e308), … → 0.
    expect(Math.abs(m.value())).toBeLessThan(1e294);
    // A plain running sum would give Inf + (−1e308) … = Inf or NaN.
  });
  it('NaN without values; Inf propagates', () => {
    const m = new KahanMean();
    expect(m.value()).toBeNaN();
    m.add(Infinity);
    m.add(0);
    m.add(Infinity);
    expect(m.value()).toBe(Infinity);
  });
});
