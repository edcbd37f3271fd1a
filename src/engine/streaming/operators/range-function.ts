/**
 * A range-vector function call (`rate(x[5m])`, `quantile_over_time(0.9, x[1h])`, …):
 * mirrors the matrix branch of Prometheus's eval of *parser.Call (promql/engine.go) and
 * Mimir's operators/functions FunctionOverRangeVector.
 *
 * Contract: seriesMetadata() is the inner operator's metadata with `dropName` set
 * (except for last_over_time/first_over_time, which act like offset). nextSeries()
 * advances the inner operator by one series, asks it for each step's window and calls
 * the shared kernel (or its sliding replacement); it returns a pooled StepData the caller
 * owns. Over an inner operator that lays out window batches (the matrix selector), and
 * without parameters or per-step hooks, the windows come a batch at a time instead of one
 * call per step, and a sliding kernel is told where each window's new samples begin.
 * Scalar parameters are evaluated once, up front, over the grid (one Float64Array each,
 * released on close()).
 */
import type { RangeKernel, RangeWindow } from '../../kernels/types.ts';
import type { InstantVectorOperator, RangeVectorOperator, ScalarOperator, SeriesMeta, StepData } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';
import { markAllDropName } from '../name-marking.ts';
import { windowHasStartTimeOverlap } from '../../kernels/start-timestamps.ts';
import type { StreamingContext } from '../streaming-context.ts';
import { newRangeWindow, type WindowBatch } from '../range-window.ts';

/**
 * An incremental replacement for a range kernel over one series' sliding windows
 * (sliding-extremum.ts, sliding-rate.ts, sliding-quantile.ts): bit-identical to the kernel
 * it replaces. `reset()` at each new series, `value(w, params, fresh)` per non-empty
 * window in step order; `fresh` is where the window's samples that no earlier window had
 * begin when the caller knows it (window batches), else -1 (the kernel works it out).
 */
export interface SlidingKernel {
  reset(): void;
  value(w: RangeWindow, params: readonly number[], fresh: number): number | undefined;
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
    this.batched = inner.nextWindowBatch !== undefined && params.length === 0 && onStep === null && onStartTimeOverlap === null;
  }

  /** Whether the steps go through the inner operator's window batches (see nextSeries). */
  private readonly batched: boolean;

  seriesMetadata(): SeriesMeta[] {
    const meta = this.inner.seriesMetadata();
    this.paramValues = [];
    for (const p of this.params) this.paramValues.push(p.values());
    this.inputMeta = meta;
    return this.dropName ? markAllDropName(meta, this.sc.ctx.delayedNameRemoval) : meta;
  }

  nextSeries(): StepData {
    this.inner.nextSeries();
    const out = this.sc.pool.acquireStepData(this.grid.stepCount, 'range function step data');
    if (this.sliding !== null) this.sliding.reset();
    const any = this.batched ? this.fillFromBatches(out) : this.fillStepByStep(out);
    const meta = this.inputMeta[this.seriesIndex++];
    if (any && this.onSeriesWithOutput !== null) this.onSeriesWithOutput(meta);
    return out;
  }

  /** The steps through the inner operator's window batches; returns whether any step got a value. */
  private fillFromBatches(out: StepData): boolean {
    const inner = this.inner as Required<RangeVectorOperator>;
    const n = this.grid.stepCount;
    let any = false;
    for (let i = 0; i < n; ) {
      const b = inner.nextWindowBatch(i);
      if (this.kernelOverBatch(b, out.values, out.present)) any = true;
      i = b.to;
    }
    return any;
  }

  /** The kernel (or the sliding kernel) on each window of a batch. */
  private kernelOverBatch(b: WindowBatch, values: Float64Array, present: Uint8Array): boolean {
    const w = this.window;
    const sliding = this.sliding;
    const kernel = this.kernel;
    const sp = this.stepParams;
    const { lo, hi, fresh, endMs, rangeMs, from } = b;
    const { startMs, stepMs } = this.grid;
    w.t = b.t;
    w.v = b.v;
    w.st = null;
    let any = false;
    for (let k = 0; k < b.to - from; k++) {
      if (hi[k] === lo[k]) continue;
      w.lo = lo[k];
      w.hi = hi[k];
      w.rangeEndMs = endMs[k];
      w.rangeStartMs = endMs[k] - rangeMs;
      w.evalMs = startMs + (from + k) * stepMs;
      const r = sliding !== null ? sliding.value(w, sp, fresh[k]) : kernel(w, sp);
      if (r !== undefined) {
        values[from + k] = r;
        present[from + k] = 1;
        any = true;
      }
    }
    return any;
  }

  /** One window, parameter row and kernel call per step; returns whether any step got a value. */
  private fillStepByStep(out: StepData): boolean {
    const n = this.grid.stepCount;
    const w = this.window;
    const pv = this.paramValues as Float64Array[];
    const sp = this.stepParams;
    const onStep = this.onStep;
    const sliding = this.sliding;
    let any = false;
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
      const r = sliding !== null ? sliding.value(w, sp, -1) : this.kernel(w, sp);
      if (r !== undefined) {
        out.values[i] = r;
        out.present[i] = 1;
        any = true;
      }
    }
    return any;
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
