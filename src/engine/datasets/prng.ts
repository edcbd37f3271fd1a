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

/** Quantiles of N(0, 1) at (i + ½) / size. */
const NORMAL_TABLE: Float64Array = (() => {
  const table = new Float64Array(NORMAL_TABLE_SIZE);
  for (let i = 0; i < NORMAL_TABLE_SIZE; i++) table[i] = inverseNormalCdf((i + 0.5) / NORMAL_TABLE_SIZE);
  return table;
})();

/** Φ⁻¹(p) for 0 < p < 1: Acklam's rational approximation (relative error < 1.2e-9). */
export function inverseNormalCdf(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const pLow = 0.02425;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - pLow) return -inverseNormalCdf(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

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
