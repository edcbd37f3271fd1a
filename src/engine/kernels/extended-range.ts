/**
 * The experimental `anchored` and `smoothed` range-selector modifiers for float
 * samples (promql-extended-range-selectors): rate/increase/delta/resets/changes that
 * anchor the window on the last sample at or before its start (`anchored`) or
 * interpolate values at both window edges (`smoothed`).
 *
 * Window contract (differs from plain range kernels): `lo..hi` must cover every
 * sample the evaluator fetched for the extended range, i.e. `(rangeStart − lookback,
 * rangeEnd]` for anchored and `(rangeStart − lookback, rangeEnd + lookback]` for
 * smoothed, where `lookback` is the query's lookback delta; `rangeStartMs` /
 * `rangeEndMs` remain the real window bounds.
 * Mirrors extendedRate, pickOrInterpolateLeft/Right, interpolate,
 * correctForCounterResets and pickFirstSampleIndices, promql/functions.go.
 */
import { rangeSeconds } from './rate.ts';
import { isStartTimestampReset, stAt } from './start-timestamps.ts';
import type { RangeKernel, RangeWindow } from './types.ts';

/** Functions allowed with `anchored` (AnchoredSafeFunctions), sorted as in the error text. */
export const ANCHORED_SAFE_FUNCTIONS: readonly string[] = ['changes', 'delta', 'increase', 'rate', 'resets'];
/** Functions allowed with `smoothed` (SmoothedSafeFunctions). */
export const SMOOTHED_SAFE_FUNCTIONS: readonly string[] = ['delta', 'increase', 'rate'];

/**
 * Prometheus's evaluation error for a modifier used with another function, e.g.
 * `anchored modifier can only be used with: changes, delta, increase, rate, resets - not with sum_over_time`.
 */
export function extendedModifierErrorMessage(modifier: 'anchored' | 'smoothed', func: string): string {
  const allowed = modifier === 'anchored' ? ANCHORED_SAFE_FUNCTIONS : SMOOTHED_SAFE_FUNCTIONS;
  return `${modifier} modifier can only be used with: ${allowed.join(', ')} - not with ${func}`;
}

/**
 * Linear interpolation at `tMs` between samples i and j; for counters a decrease means
 * a reset, so the earlier value is taken as 0. Mirrors interpolate.
 */
function interpolate(t: Float64Array, v: Float64Array, i: number, j: number, tMs: number, isCounter: boolean): number {
  let y1 = v[i];
  const y2 = v[j];
  if (isCounter && y2 < y1) y1 = 0;
  return y1 + ((y2 - y1) * (tMs - t[i])) / (t[j] - t[i]);
}

/** First index in [lo, end) with t > x (sort.Search), or `end`. */
function searchAfter(t: Float64Array, lo: number, end: number, x: number): number {
  let a = lo;
  let b = end;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (t[m] > x) b = m;
    else a = m + 1;
  }
  return a;
}

/** First index in [lo, end) with t ≥ x, or `end`. */
function searchAtOrAfter(t: Float64Array, lo: number, end: number, x: number): number {
  let a = lo;
  let b = end;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (t[m] >= x) b = m;
    else a = m + 1;
  }
  return a;
}

/**
 * rate/increase/delta with `anchored` (smoothed = false) or `smoothed`. `undefined`
 * when there is no sample after the window start (or, smoothed, none up to its end).
 * Mirrors extendedRate.
 */
export function extendedRate(w: RangeWindow, isCounter: boolean, isRate: boolean, smoothed: boolean): number | undefined {
  const { t, v, lo, hi, rangeStartMs, rangeEndMs } = w;
  if (hi <= lo) return undefined;
  let last = hi - 1;
  let first = Math.max(lo, searchAfter(t, lo, last, rangeStartMs) - 1);
  if (smoothed) last = searchAtOrAfter(t, lo, last, rangeEndMs);
  if (t[last] <= rangeStartMs) return undefined;
  if (smoothed && t[first] > rangeEndMs) return undefined;

  const left = smoothed && t[first] < rangeStartMs ? interpolate(t, v, first, first + 1, rangeStartMs, isCounter) : v[first];
  const right = smoothed && last > lo && t[last] > rangeEndMs ? interpolate(t, v, last - 1, last, rangeEndMs, isCounter) : v[last];
  let result = right - left;

  if (isCounter) {
    // Only samples strictly inside the window count for resets; the boundary values
    // already account for resets at the edges.
    if (t[first] <= rangeStartMs) first++;
    if (t[last] >= rangeEndMs) last--;
    let correction = 0;
    let prev = left;
    for (let i = first; i <= last; i++) {
      if (v[i] < prev) correction += prev;
      prev = v[i];
    }
    if (right < prev) correction += prev;
    result += correction;
  }
  if (isRate) result /= rangeSeconds(w);
  return result;
}

/**
 * Index of the first sample `anchored` resets/changes look at: the last sample at or
 * before the window start, or the first sample when there is none; −1 when no sample
 * lies after the window start. Mirrors pickFirstSampleIndices (floats only).
 */
function anchoredFirstIndex(w: RangeWindow): number {
  const { t, lo, hi } = w;
  const after = searchAfter(t, lo, hi, w.rangeStartMs);
  if (after >= hi) return -1;
  return after > lo ? after - 1 : lo;
}

/**
 * `resets(v[r] anchored)`, also counting start-timestamp resets when `w.st` is set.
 * Mirrors funcResets with an anchored selector.
 */
export const anchoredResets: RangeKernel = (w) => {
  const first = anchoredFirstIndex(w);
  if (first < 0) return undefined;
  const { t, v, st } = w;
  let n = 0;
  for (let i = first + 1; i < w.hi; i++) {
    if (v[i] < v[i - 1] || (st != null && isStartTimestampReset(stAt(st, i - 1), t[i - 1], stAt(st, i), t[i]))) n++;
  }
  return n;
};

/** `changes(v[r] anchored)`. Mirrors funcChanges with an anchored selector. */
export const anchoredChanges: RangeKernel = (w) => {
  const first = anchoredFirstIndex(w);
  if (first < 0) return undefined;
  let n = 0;
  for (let i = first + 1; i < w.hi; i++) {
    const cur = w.v[i];
    const prev = w.v[i - 1];
    if (cur !== prev && !(cur !== cur && prev !== prev)) n++;
  }
  return n;
};

/** Kernels for functions over an `anchored` range selector, by PromQL name. */
export const anchoredRangeKernels: Readonly<Record<string, RangeKernel>> = Object.freeze({
  rate: (w) => extendedRate(w, true, true, false),
  increase: (w) => extendedRate(w, true, false, false),
  delta: (w) => extendedRate(w, false, false, false),
  resets: anchoredResets,
  changes: anchoredChanges,
});

/** Kernels for functions over a `smoothed` range selector, by PromQL name. */
export const smoothedRangeKernels: Readonly<Record<string, RangeKernel>> = Object.freeze({
  rate: (w) => extendedRate(w, true, true, true),
  increase: (w) => extendedRate(w, true, false, true),
  delta: (w) => extendedRate(w, false, false, true),
});

/**
 * The value of a `smoothed` instant vector selector at data time `dataMs` (evaluation
 * time minus offset) from the samples `lo..hi` in `(dataMs − lookback, dataMs +
 * lookback]`: the sample at exactly `dataMs`, else linear interpolation (as a gauge)
 * between its neighbours, else the last earlier value; `undefined` when all samples
 * are later. Mirrors the float branch of evaluator.smoothSeries, promql/engine.go.
 */
export function smoothedInstantValue(t: Float64Array, v: Float64Array, lo: number, hi: number, dataMs: number): number | undefined {
  if (hi <= lo) return undefined;
  const i = searchAtOrAfter(t, lo, hi, dataMs);
  if (i < hi && t[i] === dataMs) return v[i];
  if (i > lo && i < hi) return interpolate(t, v, i - 1, i, dataMs, false);
  if (i > lo) return v[i - 1];
  return undefined;
}

/**
 * The points of a range selector with `anchored`/`smoothed` evaluated as a range
 * vector: a point at the window start (the anchor value, or for smoothed the value
 * interpolated as a gauge), the samples strictly inside the window, and a point at the
 * window end. `w.lo..w.hi` as for the extended kernels. Writes to `outT`/`outV`
 * (which need room for hi−lo+2 points) and returns the count; 0 when there is no
 * sample after the window start. Mirrors extendFloats, promql/engine.go.
 */
export function extendRangeWindow(w: RangeWindow, smoothed: boolean, outT: Float64Array, outV: Float64Array): number {
  const { t, v, lo, hi, rangeStartMs, rangeEndMs } = w;
  if (hi <= lo) return 0;
  let last = hi - 1;
  let first = Math.max(lo, searchAfter(t, lo, last, rangeStartMs) - 1);
  if (smoothed) last = searchAtOrAfter(t, lo, last, rangeEndMs);
  if (t[last] <= rangeStartMs) return 0;
  const left = smoothed && t[first] < rangeStartMs ? interpolate(t, v, first, first + 1, rangeStartMs, false) : v[first];
  const right = smoothed && last > lo && t[last] > rangeEndMs ? interpolate(t, v, last - 1, last, rangeEndMs, false) : v[last];
  if (t[first] <= rangeStartMs) first++;
  if (t[last] >= rangeEndMs) last--;
  let n = 0;
  outT[n] = rangeStartMs;
  outV[n++] = left;
  for (let i = first; i <= last; i++) {
    outT[n] = t[i];
    outV[n++] = v[i];
  }
  outT[n] = rangeEndMs;
  outV[n++] = right;
  return n;
}
