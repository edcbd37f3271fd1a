/**
 * A range-vector function call (`rate(x[5m])`, `quantile_over_time(0.9, x[1h])`, …):
 * mirrors the matrix branch of Prometheus's eval of *parser.Call (promql/engine.go) and
 * Mimir's operators/functions FunctionOverRangeVector.
 *
 * Contract: seriesMetadata() is the inner operator's metadata with `dropName` set
 * (except for last_over_time/first_over_time, which act like offset). nextSeries()
 * advances the inner operator by one series, asks it for each step's window and calls
 * the shared kernel; it returns a pooled StepData the caller owns. Scalar parameters are
 * evaluated once, up front, over the grid (one Float64Array each, released on close()).
 */
import type { RangeKernel, RangeWindow } from '../../kernels/types.ts';
import type { InstantVectorOperator, RangeVectorOperator, ScalarOperator, SeriesMeta, StepData } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';
import { markAllDropName } from '../name-marking.ts';
import { windowHasStartTimeOverlap } from '../../kernels/start-timestamps.ts';
import type { StreamingContext } from '../streaming-context.ts';
import { newRangeWindow } from '../range-window.ts';

/**
 * An incremental replacement for a range kernel over one series' sliding windows
 * (sliding-extremum.ts, sliding-rate.ts): bit-identical to the kernel it replaces.
 * `reset()` at each new series, `value(w)` per non-empty window in step order.
 */
export interface SlidingKernel {
  reset(): void;
  value(w: RangeWindow, params: readonly number[]): number | undefined;
  close(): void;
}

export class RangeFunctionOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  readonly grid: StepGrid;
  private paramValues: Float64Array[] | null = null;
  private readonly window: RangeWindow = newRangeWindow();
  private readonly stepParams: number[];
  private inputMeta: SeriesMeta[] = [];
  private seriesIndex = 0;

  constructor(
    private readonly sc: StreamingContext,
    private readonly inner: RangeVectorOperator,
    private readonly kernel: RangeKernel,
    private readonly params: readonly ScalarOperator[],
    private readonly dropName: boolean,
    /**
     * Called with the step's parameters before each kernel call on a non-empty window
     * (where upstream validates parameters and warns), e.g. quantile_over_time's φ.
     */
    private readonly onStep: ((params: readonly number[]) => void) | null = null,
    /** Called once per series that produced a value (rate/increase's counter-name info). */
    private readonly onSeriesWithOutput: ((meta: SeriesMeta) => void) | null = null,
    /** Called for each window with overlapping start times (rate/increase over a selector with ST). */
    private readonly onStartTimeOverlap: ((meta: SeriesMeta) => void) | null = null,
    /** Replaces the kernel with an incremental one over the sliding windows (max/min/quantile_over_time, rate/increase); closed with this operator. */
    private readonly sliding: SlidingKernel | null = null,
  ) {
    this.grid = inner.grid;
    this.stepParams = new Array<number>(params.length).fill(0);
  }

  seriesMetadata(): SeriesMeta[] {
    const meta = this.inner.seriesMetadata();
    this.paramValues = [];
    for (const p of this.params) this.paramValues.push(p.values());
    this.inputMeta = meta;
    return this.dropName ? markAllDropName(meta, this.sc.ctx.delayedNameRemoval) : meta;
  }

  nextSeries(): StepData {
    this.inner.nextSeries();
    const n = this.grid.stepCount;
    const out = this.sc.pool.acquireStepData(n, 'range function step data');
    const w = this.window;
    const pv = this.paramValues as Float64Array[];
    const sp = this.stepParams;
    const onStep = this.onStep;
    let any = false;
    const sliding = this.sliding;
    if (sliding !== null) sliding.reset();
    for (let i = 0; i < n; i++) {
      this.inner.nextStepWindow(i, w);
      if (w.hi === w.lo) continue;
      for (let j = 0; j < pv.length; j++) sp[j] = pv[j][i];
      if (this.onStartTimeOverlap !== null && windowHasStartTimeOverlap(w)) this.onStartTimeOverlap(this.inputMeta[this.seriesIndex]);
      if (onStep !== null) {
        try {
          onStep(sp);
        } catch (e) {
          this.sc.pool.releaseStepData(out);
          throw e;
        }
      }
      const r = sliding !== null ? sliding.value(w, sp) : this.kernel(w, sp);
      if (r !== undefined) {
        out.values[i] = r;
        out.present[i] = 1;
        any = true;
      }
    }
    const meta = this.inputMeta[this.seriesIndex++];
    if (any && this.onSeriesWithOutput !== null) this.onSeriesWithOutput(meta);
    return out;
  }

  close(): void {
    if (this.paramValues !== null) {
      for (const a of this.paramValues) this.sc.pool.releaseFloat64(a);
      this.paramValues = null;
    }
    for (const p of this.params) p.close();
    if (this.sliding !== null) this.sliding.close();
    this.inner.close();
  }
}
