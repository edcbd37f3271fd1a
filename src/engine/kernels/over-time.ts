/**
 * The `*_over_time` family over float samples. Every kernel returns `undefined` for an
 * empty window (Prometheus emits no point for a series without samples in the range).
 */
import { KahanMean, KahanSum } from './kahan.ts';
import { quantileInPlace, quantileOfRange, ScratchBuffer } from './quantile.ts';
import type { RangeKernel } from './types.ts';

// Reused accumulators: kernels run synchronously and never re-enter, so one instance
// per module is safe and keeps the hot path allocation-free.
const meanAcc = new KahanMean();
const sumAcc = new KahanSum();
const meanSum = new KahanSum();
const auxSum = new KahanSum();
const scratch = new ScratchBuffer();

/** `avg_over_time`: Kahan mean with overflow fallback. Mirrors funcAvgOverTime. */
export const avgOverTime: RangeKernel = (w) => {
  const { v, lo, hi } = w;
  if (hi <= lo) return undefined;
  meanAcc.reset();
  for (let i = lo; i < hi; i++) meanAcc.add(v[i]);
  return meanAcc.value();
};

/** `sum_over_time`: Kahan sum; an infinite sum is returned uncompensated. Mirrors funcSumOverTime. */
export const sumOverTime: RangeKernel = (w) => {
  const { v, lo, hi } = w;
  if (hi <= lo) return undefined;
  sumAcc.reset();
  for (let i = lo; i < hi; i++) sumAcc.add(v[i]);
  return sumAcc.value();
};

/** `count_over_time`. Mirrors funcCountOverTime. */
export const countOverTime: RangeKernel = (w) => (w.hi <= w.lo ? undefined : w.hi - w.lo);

/** `present_over_time`: 1 for any sample. Mirrors funcPresentOverTime. */
export const presentOverTime: RangeKernel = (w) => (w.hi <= w.lo ? undefined : 1);

/**
 * The per-series core of `absent_over_time`: 1 when the window has a sample. The
 * evaluator turns "no series had a point" into the absent result (funcAbsentOverTime).
 */
export const absentOverTimeCore: RangeKernel = (w) => (w.hi <= w.lo ? undefined : 1);

/** `last_over_time`. Mirrors funcLastOverTime. */
export const lastOverTime: RangeKernel = (w) => (w.hi <= w.lo ? undefined : w.v[w.hi - 1]);

/** `first_over_time`. Mirrors funcFirstOverTime. */
export const firstOverTime: RangeKernel = (w) => (w.hi <= w.lo ? undefined : w.v[w.lo]);

/** `ts_of_first_over_time`: timestamp of the first sample, in seconds. Mirrors funcTsOfFirstOverTime. */
export const tsOfFirstOverTime: RangeKernel = (w) => (w.hi <= w.lo ? undefined : w.t[w.lo] / 1000);

/** `ts_of_last_over_time`: timestamp of the last sample, in seconds. Mirrors funcTsOfLastOverTime. */
export const tsOfLastOverTime: RangeKernel = (w) => (w.hi <= w.lo ? undefined : w.t[w.hi - 1] / 1000);

/**
 * `max_over_time`: a NaN is replaced by any later value, so NaN is returned only when
 * all values are NaN. Mirrors funcMaxOverTime / compareOverTime.
 */
export const maxOverTime: RangeKernel = (w) => {
  const { v, lo, hi } = w;
  if (hi <= lo) return undefined;
  let m = v[lo];
  for (let i = lo; i < hi; i++) {
    const x = v[i];
    if (x > m || m !== m) m = x;
  }
  return m;
};

/** `min_over_time`, NaN rules as max_over_time. Mirrors funcMinOverTime. */
export const minOverTime: RangeKernel = (w) => {
  const { v, lo, hi } = w;
  if (hi <= lo) return undefined;
  let m = v[lo];
  for (let i = lo; i < hi; i++) {
    const x = v[i];
    if (x < m || m !== m) m = x;
  }
  return m;
};

/**
 * `ts_of_max_over_time`: timestamp (seconds) of the last occurrence of the maximum
 * (`>=` comparison). Mirrors funcTsOfMaxOverTime.
 */
export const tsOfMaxOverTime: RangeKernel = (w) => {
  const { t, v, lo, hi } = w;
  if (hi <= lo) return undefined;
  let m = v[lo];
  let ts = t[lo];
  for (let i = lo; i < hi; i++) {
    const x = v[i];
    if (x >= m || m !== m) {
      m = x;
      ts = t[i];
    }
  }
  return ts / 1000;
};

/** `ts_of_min_over_time`: as ts_of_max_over_time with `<=`. Mirrors funcTsOfMinOverTime. */
export const tsOfMinOverTime: RangeKernel = (w) => {
  const { t, v, lo, hi } = w;
  if (hi <= lo) return undefined;
  let m = v[lo];
  let ts = t[lo];
  for (let i = lo; i < hi; i++) {
    const x = v[i];
    if (x <= m || m !== m) {
      m = x;
      ts = t[i];
    }
  }
  return ts / 1000;
};

/**
 * Population variance with Welford's update and Kahan-compensated mean and sum of
 * squares. Mirrors varianceOverTime, promql/functions.go.
 */
function varianceOf(v: Float64Array, lo: number, hi: number): number {
  let count = 0;
  meanSum.reset();
  auxSum.reset();
  for (let i = lo; i < hi; i++) {
    const f = v[i];
    count++;
    const d = f - (meanSum.sum + meanSum.c);
    meanSum.add(d / count);
    auxSum.add(d * (f - (meanSum.sum + meanSum.c)));
  }
  return (auxSum.sum + auxSum.c) / count;
}

/** `stdvar_over_time`. Mirrors funcStdvarOverTime. */
export const stdvarOverTime: RangeKernel = (w) => (w.hi <= w.lo ? undefined : varianceOf(w.v, w.lo, w.hi));

/** `stddev_over_time`. Mirrors funcStddevOverTime. */
export const stddevOverTime: RangeKernel = (w) => (w.hi <= w.lo ? undefined : Math.sqrt(varianceOf(w.v, w.lo, w.hi)));

/**
 * `quantile_over_time(φ, v[r])`, φ = params[0]. φ outside [0, 1] yields ∓Inf and NaN
 * yields NaN (the evaluator adds the "quantile value should be between 0 and 1"
 * warning, see {@link invalidQuantileMessage}). Mirrors funcQuantileOverTime.
 */
export const quantileOverTime: RangeKernel = (w, params) => {
  const { v, lo, hi } = w;
  if (hi <= lo) return undefined;
  return quantileOfRange(params[0], v, lo, hi, scratch.get(hi - lo));
};

/**
 * `mad_over_time`: median absolute deviation from the median; any NaN sample makes it
 * NaN. Mirrors funcMadOverTime.
 */
export const madOverTime: RangeKernel = (w) => {
  const { v, lo, hi } = w;
  const n = hi - lo;
  if (n <= 0) return undefined;
  const buf = scratch.get(n);
  for (let i = 0; i < n; i++) {
    const x = v[lo + i];
    if (x !== x) return NaN;
    buf[i] = x;
  }
  const median = quantileInPlace(0.5, buf, n);
  for (let i = 0; i < n; i++) buf[i] = Math.abs(buf[i] - median);
  return quantileInPlace(0.5, buf, n);
};
