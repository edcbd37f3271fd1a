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

/**
 * The windows of a run of consecutive steps of one series, laid out at once by a range
 * vector operator that supports it (`RangeVectorOperator.nextWindowBatch`), for
 * consumers with a tight per-window loop. Step `from + k` (k < `to − from`) has the
 * window `t`/`v`[`lo[k]`, `hi[k]`) with bounds (`endMs[k]` − `rangeMs`, `endMs[k]`]; its
 * samples from `fresh[k]` on are in no earlier window of the series. The arrays belong to
 * the operator, are `WINDOW_BATCH_STEPS` long, and are valid until its next call.
 */
export interface WindowBatch {
  t: Float64Array;
  v: Float64Array;
  from: number;
  to: number;
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  readonly fresh: Int32Array;
  readonly endMs: Float64Array;
  readonly rangeMs: number;
}

/** Steps per window batch at most: long enough to amortize the call, short enough to stay in cache. */
export const WINDOW_BATCH_STEPS = 256;

/** Bytes a window batch's arrays hold (for the memory tracker). */
export const WINDOW_BATCH_BYTES = WINDOW_BATCH_STEPS * (3 * 4 + 8);

export function newWindowBatch(rangeMs: number): WindowBatch {
  return {
    t: EMPTY,
    v: EMPTY,
    from: 0,
    to: 0,
    lo: new Int32Array(WINDOW_BATCH_STEPS),
    hi: new Int32Array(WINDOW_BATCH_STEPS),
    fresh: new Int32Array(WINDOW_BATCH_STEPS),
    endMs: new Float64Array(WINDOW_BATCH_STEPS),
    rangeMs,
  };
}
