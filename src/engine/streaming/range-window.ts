/**
 * The one RangeWindow object a range-vector consumer reuses for every step. Created with
 * every field already holding a value of its final type (times as non-integer doubles,
 * `st` present), so filling it never changes the object's hidden class: a class change
 * made per query would leave the optimized kernels depending on a hidden class that dies
 * with the query, and the next query would run them deoptimized until recompiled.
 */
import type { RangeWindow } from '../kernels/types.ts';

const EMPTY = new Float64Array(0);

export function newRangeWindow(): RangeWindow {
  return { t: EMPTY, v: EMPTY, lo: 0, hi: 0, rangeStartMs: NaN, rangeEndMs: NaN, evalMs: NaN, st: null };
}
