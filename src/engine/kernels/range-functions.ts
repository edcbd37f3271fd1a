/**
 * Every range-vector function kernel by its PromQL name, for both evaluators.
 * `absent_over_time` maps to its per-series core; the evaluator builds the absent result.
 */
import { changes, resets } from './counters.ts';
import {
  absentOverTimeCore,
  avgOverTime,
  countOverTime,
  firstOverTime,
  lastOverTime,
  madOverTime,
  maxOverTime,
  minOverTime,
  presentOverTime,
  quantileOverTime,
  stddevOverTime,
  stdvarOverTime,
  sumOverTime,
  tsOfFirstOverTime,
  tsOfLastOverTime,
  tsOfMaxOverTime,
  tsOfMinOverTime,
} from './over-time.ts';
import { delta, idelta, increase, irate, rate } from './rate.ts';
import { deriv, predictLinear } from './regression.ts';
import { doubleExponentialSmoothing } from './smoothing.ts';
import type { RangeKernel } from './types.ts';

export * from './counters.ts';
export * from './over-time.ts';
export * from './rate.ts';
export * from './regression.ts';
export * from './smoothing.ts';

/** Range-vector function kernels keyed by PromQL function name. */
export const rangeKernels: Readonly<Record<string, RangeKernel>> = Object.freeze({
  rate,
  increase,
  delta,
  irate,
  idelta,
  resets,
  changes,
  deriv,
  predict_linear: predictLinear,
  double_exponential_smoothing: doubleExponentialSmoothing,
  avg_over_time: avgOverTime,
  sum_over_time: sumOverTime,
  min_over_time: minOverTime,
  max_over_time: maxOverTime,
  count_over_time: countOverTime,
  last_over_time: lastOverTime,
  first_over_time: firstOverTime,
  present_over_time: presentOverTime,
  absent_over_time: absentOverTimeCore,
  stddev_over_time: stddevOverTime,
  stdvar_over_time: stdvarOverTime,
  quantile_over_time: quantileOverTime,
  mad_over_time: madOverTime,
  ts_of_min_over_time: tsOfMinOverTime,
  ts_of_max_over_time: tsOfMaxOverTime,
  ts_of_first_over_time: tsOfFirstOverTime,
  ts_of_last_over_time: tsOfLastOverTime,
});
