/**
 * sort, sort_desc, sort_by_label, sort_by_label_desc (mirrors funcSort*, promql/functions.go;
 * the orderings are kernels/sort-functions.ts).
 *
 * BUFFERS (instant grids only): on a one-step grid the output order depends on every
 * series' value, so seriesMetadata() drains the input into one value and one presence
 * array (each input series released at once) and returns the metadata in sorted order;
 * nextSeries() hands out each value as a one-step StepData. On multi-step grids order has no meaning (results are
 * ordered by labels), so series pass through unbuffered and the "sort is ineffective for
 * range queries" warning is given, as upstream.
 */
import type { Call } from '../../parser/ast.ts';
import { sortOrderByLabels, sortOrderByValue } from '../../kernels/sort-functions.ts';
import type { InstantVectorOperator, SeriesMeta, StepData } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';

export class SortOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  readonly grid: StepGrid;
  /** One-step grids: the drained input (index = input position) and the output order. */
  private values: Float64Array | null = null;
  private present: Uint8Array | null = null;
  private perm: number[] = [];
  private nextOut = 0;

  constructor(
    private readonly sc: StreamingContext,
    private readonly node: Call,
    private readonly inner: InstantVectorOperator,
    private readonly labelNames: readonly string[],
  ) {
    this.grid = inner.grid;
  }

  seriesMetadata(): SeriesMeta[] {
    const meta = this.inner.seriesMetadata();
    if (this.grid.stepCount !== 1 || this.grid.isRange) {
      this.sc.ctx.annotations.warn('sort is ineffective for range queries since results are always ordered by labels', this.node.range);
      return meta;
    }
    const pool = this.sc.pool;
    // Held in fields while reading, so close() releases them after an error.
    const values = (this.values = pool.acquireFloat64(meta.length, 'sort values'));
    const present = (this.present = pool.acquireUint8(meta.length, 'sort values'));
    for (let i = 0; i < meta.length; i++) {
      const d = this.inner.nextSeries();
      values[i] = d.values[0];
      present[i] = d.present[0];
      pool.releaseStepData(d);
    }
    // Absent series (no value at the step) keep their place after the present ones; they
    // are dropped from the result anyway.
    const withValue: number[] = [];
    const absent: number[] = [];
    for (let i = 0; i < meta.length; i++) (present[i] === 1 ? withValue : absent).push(i);
    const name = this.node.func.name;
    let order: Int32Array;
    if (name === 'sort' || name === 'sort_desc') {
      order = sortOrderByValue(withValue.map((i) => values[i]), name === 'sort_desc');
    } else {
      order = sortOrderByLabels(withValue.map((i) => meta[i].labels), this.labelNames, name === 'sort_by_label_desc');
    }
    this.perm = [...Array.from(order, (k) => withValue[k]), ...absent];
    this.nextOut = 0;
    return this.perm.map((i) => meta[i]);
  }

  nextSeries(): StepData {
    if (this.values === null) return this.inner.nextSeries();
    const i = this.perm[this.nextOut++];
    const d = this.sc.pool.acquireStepData(1, 'sort output');
    d.values[0] = this.values[i];
    d.present[0] = (this.present as Uint8Array)[i];
    return d;
  }

  close(): void {
    if (this.values !== null) {
      this.sc.pool.releaseFloat64(this.values);
      this.sc.pool.releaseUint8(this.present as Uint8Array);
      this.values = null;
      this.present = null;
    }
    this.inner.close();
  }
}
