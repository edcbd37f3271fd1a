/** double_exponential_smoothing (formerly holt_winters). */
import { PromQLError } from '../model/errors.ts';
import { goFormatF } from './go-format.ts';
import type { RangeKernel } from './types.ts';

/**
 * Checks the smoothing and trend factors of double_exponential_smoothing; both must lie
 * strictly between 0 and 1 (NaN passes, as upstream). The kernel calls it itself; it is
 * exported for evaluators that want to check earlier. Throws PromQLError(`eval`,
 * `bad_smoothing_factor` / `bad_trend_factor`) with Prometheus's message, e.g.
 * `invalid smoothing factor. Expected: 0 < sf < 1, got: 1.000000`.
 * Mirrors the checks in funcDoubleExponentialSmoothing.
 */
export function validateDoubleExponentialSmoothing(sf: number, tf: number): void {
  if (sf <= 0 || sf >= 1) {
    throw new PromQLError('eval', 'bad_smoothing_factor', `invalid smoothing factor. Expected: 0 < sf < 1, got: ${goFormatF(sf)}`);
  }
  if (tf <= 0 || tf >= 1) {
    throw new PromQLError('eval', 'bad_trend_factor', `invalid trend factor. Expected: 0 < tf < 1, got: ${goFormatF(tf)}`);
  }
}

/**
 * `double_exponential_smoothing(v[r], sf, tf)` with sf = params[0], tf = params[1];
 * needs two samples. Like Prometheus, it validates the factors (throwing, see
 * {@link validateDoubleExponentialSmoothing}) whenever it is called with a non-empty
 * window, even one with a single sample.
 * Mirrors funcDoubleExponentialSmoothing and calcTrendValue, promql/functions.go.
 */
export const doubleExponentialSmoothing: RangeKernel = (w, params) => {
  const { v, lo, hi } = w;
  if (hi <= lo) return undefined;
  const sf = params[0];
  const tf = params[1];
  validateDoubleExponentialSmoothing(sf, tf);
  if (hi - lo < 2) return undefined;
  let s0 = 0;
  let s1 = v[lo];
  let b = v[lo + 1] - v[lo];
  for (let i = lo + 1; i < hi; i++) {
    const x = sf * v[i];
    // calcTrendValue(i-1, …): the initial trend is used as is for the first step.
    if (i - 1 > lo) b = tf * (s1 - s0) + (1 - tf) * b;
    const y = (1 - sf) * (s1 + b);
    s0 = s1;
    s1 = x + y;
  }
  return s1;
};
