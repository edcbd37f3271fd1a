import type { XorChunk } from './xor-chunk.ts';

/** Index of the first chunk with maxT ≥ tMs (chunks ascending, non-overlapping), from `from`. */
export function firstChunkEndingAtOrAfter(chunks: readonly XorChunk[], tMs: number, from = 0): number {
  let lo = from;
  let hi = chunks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (chunks[mid].maxT < tMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element of t[from, to) that is ≥ x (or `to`). */
export function lowerBoundTime(t: Float64Array, x: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
