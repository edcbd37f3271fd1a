/** deriv and predict_linear: least-squares linear regression over a window. */
import { KahanSum } from './kahan.ts';
import type { RangeKernel } from './types.ts';

const sumX = new KahanSum();
const sumY = new KahanSum();
const sumXY = new KahanSum();
const sumX2 = new KahanSum();

/** Result slots of {@link linearRegression}: slope at index 0, intercept at index 1. */
const regression = new Float64Array(2);

/**
 * Least-squares fit of v over t (x in seconds relative to `interceptTimeMs`), with
 * Kahan-compensated sums. A constant series gives slope 0 (or NaN/NaN when the constant
 * is ±Inf). Writes slope and intercept to `out[0]`, `out[1]`.
 * Mirrors linearRegression, promql/functions.go.
 */
export function linearRegression(
  t: Float64Array,
  v: Float64Array,
  lo: number,
  hi: number,
  interceptTimeMs: number,
  out: Float64Array,
): void {
  let n = 0;
  const initY = v[lo];
  let constY = true;
  sumX.reset();
  sumY.reset();
  sumXY.reset();
  sumX2.reset();
  for (let i = lo; i < hi; i++) {
    const y = v[i];
    if (constY && i > lo && y !== initY) constY = false;
    n += 1;
    const x = (t[i] - interceptTimeMs) / 1e3;
    sumX.add(x);
    sumY.add(y);
    sumXY.add(x * y);
    sumX2.add(x * x);
  }
  if (constY) {
    if (initY === Infinity || initY === -Infinity) {
      out[0] = NaN;
      out[1] = NaN;
    } else {
      out[0] = 0;
      out[1] = initY;
    }
    return;
  }
  const sx = sumX.sum + sumX.c;
  const sy = sumY.sum + sumY.c;
  const sxy = sumXY.sum + sumXY.c;
  const sx2 = sumX2.sum + sumX2.c;
  const covXY = sxy - (sx * sy) / n;
  const varX = sx2 - (sx * sx) / n;
  const slope = covXY / varX;
  out[0] = slope;
  out[1] = sy / n - (slope * sx) / n;
}

/**
 * `deriv(v[r])`: per-second slope of the regression line; needs two samples. The
 * intercept time is the first sample's, for accuracy. Mirrors funcDeriv.
 */
export const deriv: RangeKernel = (w) => {
  const { t, v, lo, hi } = w;
  if (hi - lo < 2) return undefined;
  linearRegression(t, v, lo, hi, t[lo], regression);
  return regression[0];
};

/**
 * `predict_linear(v[r], t)`: the regression line's value `params[0]` seconds after the
 * step's evaluation time `evalMs`; needs two samples. Mirrors funcPredictLinear.
 */
export const predictLinear: RangeKernel = (w, params) => {
  const { t, v, lo, hi } = w;
  if (hi - lo < 2) return undefined;
  linearRegression(t, v, lo, hi, w.evalMs, regression);
  return regression[0] * params[0] + regression[1];
};
