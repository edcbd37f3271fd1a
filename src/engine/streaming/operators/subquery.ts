/**
 * A subquery `expr[range:step] offset o @ t` as a range-vector operator (mirrors
 * subqueryTimeRange / evalSubquery, promql/engine.go, and Mimir's operators Subquery).
 *
 * Contract: the inner plan runs on its own grid (see {@link subqueryGrid}). nextSeries()
 * pulls ONE inner series (inner-grid StepData, released at once) and compacts its
 * present steps into pooled (t, v) arrays; nextStepWindow() then slides over them with
 * two indices, window `(evalT − range, evalT]`, evalT = (`@` or the outer step) − offset.
 * The arrays in the window are owned by this operator and valid until the next call.
 */
import type { SubqueryExpr } from '../../parser/ast.ts';
import type { RangeWindow } from '../../kernels/types.ts';
import type { InstantVectorOperator, RangeVectorOperator, SeriesMeta } from '../operator.ts';
import { makeGrid, type StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';

/**
 * The inner grid of a subquery evaluated for `outer`: from the first multiple of the
 * step after `(outerStart − offset − range)` up to `outerEnd − offset` (with `@ t`, both
 * ends are taken from t instead). Mirrors subqueryTimeRange, promql/engine.go.
 */
export function subqueryGrid(node: SubqueryExpr, outer: StepGrid, defaultStepMs: number): StepGrid {
  const stepMs = node.stepMs !== 0 ? node.stepMs : defaultStepMs;
  const startEval = (node.timestampMs ?? outer.startMs) - node.offsetMs;
  const endEval = (node.timestampMs ?? outer.endMs) - node.offsetMs;
  const from = startEval - node.rangeMs;
  let start = stepMs * Math.floor(from / stepMs);
  if (start <= from) start += stepMs;
  if (endEval < start) return { startMs: start, endMs: start - stepMs, stepMs, stepCount: 0, isRange: true };
  return makeGrid(start, endEval, stepMs);
}

export class SubqueryOperator implements RangeVectorOperator {
  readonly kind = 'matrix' as const;
  readonly rangeMs: number;
  private t: Float64Array | null = null;
  private v: Float64Array | null = null;
  private count = 0;
  private lo = 0;
  private hi = 0;
  private remaining = 0;

  constructor(
    private readonly sc: StreamingContext,
    readonly grid: StepGrid,
    private readonly node: SubqueryExpr,
    private readonly inner: InstantVectorOperator,
  ) {
    this.rangeMs = node.rangeMs;
  }

  seriesMetadata(): SeriesMeta[] {
    const meta = this.inner.seriesMetadata();
    this.remaining = meta.length;
    return meta;
  }

  nextSeries(): void {
    if (this.remaining-- <= 0) throw new RangeError('SubqueryOperator: no more series');
    this.releaseSeries();
    const d = this.inner.nextSeries();
    const ig = this.inner.grid;
    const n = ig.stepCount;
    let c = 0;
    for (let i = 0; i < n; i++) c += d.present[i];
    const t = this.sc.pool.acquireFloat64(c, 'subquery series samples');
    const v = this.sc.pool.acquireFloat64(c, 'subquery series samples');
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (d.present[i] === 0) continue;
      t[k] = ig.startMs + i * ig.stepMs;
      v[k] = d.values[i];
      k++;
    }
    this.sc.pool.releaseStepData(d);
    this.t = t;
    this.v = v;
    this.count = c;
    this.lo = 0;
    this.hi = 0;
  }

  /** The window end of an outer step. */
  windowEnd(step: number): number {
    return (this.node.timestampMs ?? this.grid.startMs + step * this.grid.stepMs) - this.node.offsetMs;
  }

  nextStepWindow(step: number, w: RangeWindow): void {
    const end = this.windowEnd(step);
    const start = end - this.rangeMs;
    const t = this.t as Float64Array;
    let lo = this.lo;
    let hi = this.hi;
    if (hi < lo) hi = lo;
    while (lo < this.count && t[lo] <= start) lo++;
    if (hi < lo) hi = lo;
    while (hi < this.count && t[hi] <= end) hi++;
    this.lo = lo;
    this.hi = hi;
    w.t = t;
    w.v = this.v as Float64Array;
    w.lo = lo;
    w.hi = hi;
    w.rangeStartMs = start;
    w.rangeEndMs = end;
    w.evalMs = this.grid.startMs + step * this.grid.stepMs;
  }

  /** The compacted samples of the current series (for a top-level matrix result). */
  currentSamples(): { t: Float64Array; v: Float64Array; count: number } {
    return { t: this.t as Float64Array, v: this.v as Float64Array, count: this.count };
  }

  private releaseSeries(): void {
    if (this.t !== null) {
      this.sc.pool.releaseFloat64(this.t);
      this.sc.pool.releaseFloat64(this.v as Float64Array);
      this.t = null;
      this.v = null;
    }
  }

  close(): void {
    this.releaseSeries();
    this.inner.close();
  }
}
