/**
 * Shared shapes for the maths both evaluators use. Kernels are pure functions over
 * columnar arrays; they allocate nothing per sample and never see labels.
 */

/**
 * One range-function window: the samples of one series with `lo ≤ i < hi` lie in the
 * left-open window `(rangeStartMs, rangeEndMs]` (stale markers already removed).
 * The evaluator reuses one object and mutates `lo`, `hi` and the times per step;
 * a kernel must not keep it. `t` in ms.
 */
export interface RangeWindow {
  t: Float64Array;
  v: Float64Array;
  lo: number;
  hi: number;
  /** Exclusive lower bound of the window (evaluation time − offset − range). */
  rangeStartMs: number;
  /** Inclusive upper bound (evaluation time − offset). */
  rangeEndMs: number;
  /** The step's evaluation time (before offset), for functions such as predict_linear. */
  evalMs: number;
  /**
   * Start timestamps (ms) aligned with `t`/`v` (NaN = none), or null/absent. Evaluators
   * set it only for the functions of START_TIMESTAMP_FUNCTIONS (start-timestamps.ts)
   * over a matrix selector, when the use-start-timestamps feature is on; the other
   * kernels ignore it.
   */
  st?: Float64Array | null;
}

/**
 * A range-vector function (`rate`, `*_over_time`, …): returns the step's value, or
 * `undefined` when the function yields no point for this window (e.g. rate over fewer
 * than two samples). `params` are the scalar arguments of this step in call order
 * (quantile_over_time's φ, predict_linear's t, double_exponential_smoothing's sf and tf).
 */
export type RangeKernel = (w: RangeWindow, params: readonly number[]) => number | undefined;

/** An element-wise function of one float (`abs`, `ln`, `sin`, …). */
export type ValueKernel = (v: number) => number;
