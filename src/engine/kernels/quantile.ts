/**
 * The φ-quantile of a set of floats, as Prometheus's `quantile()` (promql/quantile.go)
 * computes it for the `quantile` aggregation, quantile_over_time and mad_over_time.
 * Works in place on a caller-provided scratch buffer; allocates nothing.
 */
import { goFormatG } from './go-format.ts';

/**
 * Sorts `a[0..n)` in place in Prometheus's value order: NaN first, then ascending
 * (vectorByValueHeap.Less treats NaN as smaller than everything).
 */
export function sortNaNFirst(a: Float64Array, n: number): void {
  // Move NaNs to the front, then sort the rest.
  let nanCount = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i];
    if (x !== x) {
      a[i] = a[nanCount];
      a[nanCount] = NaN;
      nanCount++;
    }
  }
  quickSort(a, nanCount, n - 1);
}

/** In-place ascending sort of a[lo..hi] (inclusive), no NaNs. */
function quickSort(a: Float64Array, lo: number, hi: number): void {
  while (hi - lo > 16) {
    // Median of three as pivot.
    const mid = (lo + hi) >>> 1;
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    // Recurse into the smaller half, loop on the larger (bounded stack depth).
    if (j - lo < hi - i) {
      quickSort(a, lo, j);
      lo = i;
    } else {
      quickSort(a, i, hi);
      hi = j;
    }
  }
  for (let i = lo + 1; i <= hi; i++) {
    const x = a[i];
    let j = i - 1;
    while (j >= lo && a[j] > x) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = x;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const x = a[i];
  a[i] = a[j];
  a[j] = x;
}

/**
 * The q-quantile of `values[0..n)`, which it sorts in place (NaN first). NaN for no
 * values or q NaN, −Inf for q < 0, +Inf for q > 1; otherwise the weighted average of the
 * two values around rank q·(n−1). Mirrors quantile, promql/quantile.go.
 */
export function quantileInPlace(q: number, values: Float64Array, n: number): number {
  if (n === 0 || q !== q) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  sortNaNFirst(values, n);
  return quantileOfSorted(q, values, n);
}

/**
 * The q-quantile of `values[0..n)` already in {@link sortNaNFirst}'s order (for a caller
 * that keeps a window sorted as it slides); the same cases as {@link quantileInPlace}.
 */
export function quantileOfSorted(q: number, values: Float64Array, n: number): number {
  if (n === 0 || q !== q) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const rank = q * (n - 1);
  const lowerIndex = Math.max(0, Math.floor(rank));
  const upperIndex = Math.min(n - 1, lowerIndex + 1);
  const weight = rank - Math.floor(rank);
  return values[lowerIndex] * (1 - weight) + values[upperIndex] * weight;
}

/**
 * A growable scratch buffer, reused across calls so per-step quantiles allocate only
 * when a window is larger than any before.
 */
export class ScratchBuffer {
  private buf: Float64Array;

  constructor(initialSize = 64) {
    this.buf = new Float64Array(initialSize);
  }

  /** A buffer of at least `n` elements; contents are unspecified. Valid until the next call. */
  get(n: number): Float64Array {
    if (this.buf.length < n) {
      let size = this.buf.length * 2;
      while (size < n) size *= 2;
      this.buf = new Float64Array(size);
    }
    return this.buf;
  }
}

/**
 * The q-quantile of `src[lo..hi)` without modifying `src`: copies into `scratch`
 * (which must hold at least hi−lo elements) and sorts there. Mirrors quantile.
 */
export function quantileOfRange(q: number, src: Float64Array, lo: number, hi: number, scratch: Float64Array): number {
  const n = hi - lo;
  if (n === 0 || q !== q) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  for (let i = 0; i < n; i++) scratch[i] = src[lo + i];
  return quantileInPlace(q, scratch, n);
}

/**
 * The text of Prometheus's invalid-quantile warning without the `PromQL warning: `
 * prefix (pass it to `Annotations.warn`): `quantile value should be between 0 and 1,
 * got 1.5`. Emit it when q is NaN or outside [0, 1]. Mirrors NewInvalidQuantileWarning.
 */
export function invalidQuantileMessage(q: number): string {
  return `quantile value should be between 0 and 1, got ${goFormatG(q)}`;
}

/** True when q is NaN or outside [0, 1] (Prometheus warns, and the result is NaN/±Inf). */
export function isInvalidQuantile(q: number): boolean {
  return q !== q || q < 0 || q > 1;
}
