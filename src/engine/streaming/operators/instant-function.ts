/**
 * An element-wise function of an instant vector (`abs`, `round(v, 0.5)`, `clamp`,
 * `hour()`, …): mirrors simpleFunc / funcRound / funcClamp / dateWrapper,
 * promql/functions.go, and Mimir's operators/functions FunctionOverInstantVector.
 *
 * Contract: seriesMetadata() is the inner metadata, marked for name removal when the
 * function drops the name. Scalar parameters are evaluated once into pooled arrays.
 * nextSeries() takes the inner series' StepData, applies `apply` in place and hands the
 * same buffers to the caller, who then owns them. One series at a time; nothing buffered.
 */
import type { InstantVectorOperator, ScalarOperator, SeriesMeta, StepData } from '../operator.ts';
import { markAllDropName } from '../name-marking.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';

/**
 * Applies a function to one series in place: `values[i]` for each `present[i]`; clear
 * `present[i]` to drop a step. `params[k][i]` is scalar parameter k at step i; `grid`
 * gives step times.
 */
export type SeriesTransform = (data: StepData, params: readonly Float64Array[], grid: StepGrid) => void;

export class InstantFunctionOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  readonly grid: StepGrid;
  private paramValues: Float64Array[] | null = null;

  constructor(
    private readonly sc: StreamingContext,
    private readonly inner: InstantVectorOperator,
    private readonly params: readonly ScalarOperator[],
    private readonly apply: SeriesTransform,
    private readonly dropName: boolean,
  ) {
    this.grid = inner.grid;
  }

  seriesMetadata(): SeriesMeta[] {
    const meta = this.inner.seriesMetadata();
    this.paramValues = [];
    for (const p of this.params) this.paramValues.push(p.values());
    return this.dropName ? markAllDropName(meta, this.sc.ctx.delayedNameRemoval) : meta;
  }

  nextSeries(): StepData {
    const d = this.inner.nextSeries();
    this.apply(d, this.paramValues as Float64Array[], this.grid);
    return d;
  }

  close(): void {
    if (this.paramValues !== null) {
      for (const a of this.paramValues) this.sc.pool.releaseFloat64(a);
      this.paramValues = null;
    }
    for (const p of this.params) p.close();
    this.inner.close();
  }
}
