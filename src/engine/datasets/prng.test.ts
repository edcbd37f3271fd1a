import { describe, expect, it } from 'vitest';
import { Rng, hashString, inverseNormalCdf, mixSeeds, standardNormalCdf } from './prng.ts';

describe('Rng (mulberry32)', () => {
  it('repeats its sequence for the same seed and differs for another seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const sa = Array.from({ length: 100 }, () => a.next());
    const sb = Array.from({ length: 100 }, () => b.next());
    const sc = Array.from({ length: 100 }, () => c.next());
    expect(sb).toEqual(sa);
    expect(sc.filter((x, i) => x === sa[i]).length).toBe(0);
  });

  it('matches the reference mulberry32 output for seed 0', () => {
    // First outputs of the C reference (state += 0x6D2B79F5; ...) divided by 2^32.
    const r = new Rng(0);
    const u32 = [r.next(), r.next(), r.next()].map((x) => Math.round(x * 4294967296));
    expect(u32).toEqual([1144304738, 1416247, 958946056]);
  });

  it('draws uniforms in [0, 1) with mean 1/2 and normals with mean 0 and variance 1', () => {
    const r = new Rng(7);
    let sum = 0;
    let min = 1;
    let max = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const x = r.next();
      sum += x;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.005);
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s1 += z;
      s2 += z * z;
    }
    expect(Math.abs(s1 / n)).toBeLessThan(0.01);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.02);
  });

  it('hashes neighbouring strings to unrelated seeds', () => {
    const h1 = hashString('instance-1');
    const h2 = hashString('instance-2');
    expect(h1).not.toBe(h2);
    // About half of the 32 bits differ for a good mix.
    let x = (h1 ^ h2) >>> 0;
    let bits = 0;
    while (x) {
      bits += x & 1;
      x >>>= 1;
    }
    expect(bits).toBeGreaterThan(8);
    expect(hashString('a', 1)).not.toBe(hashString('a', 2));
    expect(mixSeeds(1, 2)).not.toBe(mixSeeds(2, 1));
  });
});

describe('normal distribution helpers', () => {
  it('inverts the standard normal CDF (textbook quantiles)', () => {
    expect(inverseNormalCdf(0.5)).toBeCloseTo(0, 9);
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959964, 5);
    expect(inverseNormalCdf(0.01)).toBeCloseTo(-2.326348, 5);
    expect(standardNormalCdf(1)).toBeCloseTo(0.841345, 6);
    for (const p of [0.001, 0.1, 0.3, 0.7, 0.99]) expect(standardNormalCdf(inverseNormalCdf(p))).toBeCloseTo(p, 6);
  });
});
