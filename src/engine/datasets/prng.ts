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
  /** Second normal deviate from the last Box–Muller draw, or NaN when none is cached. */
  private spareNormal = Number.NaN;

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

  /** Standard normal deviate (Box–Muller, the second value cached for the next call). */
  normal(): number {
    const spare = this.spareNormal;
    if (spare === spare) {
      this.spareNormal = Number.NaN;
      return spare;
    }
    let u = this.next();
    if (u < 1e-12) u = 1e-12;
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * this.next();
    this.spareNormal = r * Math.sin(theta);
    return r * Math.cos(theta);
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
