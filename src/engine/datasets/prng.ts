/**
 * Seeded pseudo-random numbers for the sample-dataset generators. Everything a generator
 * draws comes from here, so the same seed always gives the same dataset on every engine
 * (no Math.random, no Date.now).
 */

/**
 * Mixes a string into a 32-bit seed (FNV-1a followed by a murmur3-style finalizer, so
 * neighbouring strings such as `instance-1` / `instance-2` give unrelated seeds).
 */
export function hashString(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return finalizeHash(h);
}

/** Combines two 32-bit seeds into one. */
export function mixSeeds(a: number, b: number): number {
  return finalizeHash((a ^ Math.imul(b + 0x9e3779b9, 0x85ebca6b)) >>> 0);
}

function finalizeHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * mulberry32: a small, fast 32-bit generator with a full 2^32 period. Good enough for
 * synthetic metrics (not for cryptography). State is one uint32, so a generator is cheap to
 * create per series.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1), with 32 bits of resolution. */
  next(): number {
    let z = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /**
   * A standard normal deviate, drawn from a table of 4,096 normal quantiles (so it is cheap
   * and bounded by about ±3.5σ; fine for synthetic noise, and identical on every engine
   * because the table is built from the same arithmetic everywhere).
   */
  normal(): number {
    return NORMAL_TABLE[(this.next() * NORMAL_TABLE_SIZE) | 0];
  }

  /** Picks one element. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** `n` lowercase letters and digits, as the random suffixes of Kubernetes pod names. */
  token(n: number): string {
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }
}

const NORMAL_TABLE_SIZE = 4096;

/** Quantiles of N(0, 1) at (i + ½) / size, by bisection on an erf-based CDF. */
const NORMAL_TABLE: Float64Array = (() => {
  const table = new Float64Array(NORMAL_TABLE_SIZE);
  for (let i = 0; i < NORMAL_TABLE_SIZE; i++) {
    const p = (i + 0.5) / NORMAL_TABLE_SIZE;
    let lo = -8;
    let hi = 8;
    for (let k = 0; k < 60; k++) {
      const mid = (lo + hi) / 2;
      if (standardNormalCdf(mid) < p) lo = mid;
      else hi = mid;
    }
    table[i] = (lo + hi) / 2;
  }
  return table;
})();

/** Φ(x) with erf from Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7). */
export function standardNormalCdf(x: number): number {
  return 0.5 * (1 + erf(x / Math.SQRT2));
}

/** Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7). */
export function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return sign * y;
}
