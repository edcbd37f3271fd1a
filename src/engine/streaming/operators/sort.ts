/**
 * sort, sort_desc, sort_by_label, sort_by_label_desc (mirrors funcSort*, promql/functions.go;
 * the orderings are kernels/sort-functions.ts).
 *
 * BUFFERS (instant grids only): on a one-step grid the output order depends on every
 * series' value, so seriesMetadata() drains the input (one step per series) and returns
 * the metadata in sorted order. On multi-step grids order has no meaning (results are
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
  private sorted: StepData[] | null = null;
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
    const data: StepData[] = [];
    // Held in `sorted` while reading, so close() releases them after an error.
    this.sorted = data;
    this.nextOut = 0;
    for (let i = 0; i < meta.length; i++) data.push(this.inner.nextSeries());
    // Absent series (no value at the step) keep their place after the present ones; they
    // are dropped from the result anyway.
    const present: number[] = [];
    const absent: number[] = [];
    for (let i = 0; i < data.length; i++) (data[i].present[0] === 1 ? present : absent).push(i);
    const name = this.node.func.name;
    let order: Int32Array;
    if (name === 'sort' || name === 'sort_desc') {
      const values = present.map((i) => data[i].values[0]);
      order = sortOrderByValue(values, name === 'sort_desc');
    } else {
      order = sortOrderByLabels(present.map((i) => meta[i].labels), this.labelNames, name === 'sort_by_label_desc');
    }
    const perm = [...Array.from(order, (k) => present[k]), ...absent];
    this.sorted = perm.map((i) => data[i]);
    return perm.map((i) => meta[i]);
  }

  nextSeries(): StepData {
    if (this.sorted === null) return this.inner.nextSeries();
    const d = this.sorted[this.nextOut];
    this.sorted[this.nextOut++] = EMPTY;
    return d;
  }

  close(): void {
    if (this.sorted !== null) {
      for (let i = this.nextOut; i < this.sorted.length; i++) this.sc.pool.releaseStepData(this.sorted[i]);
      this.sorted = null;
    }
    this.inner.close();
  }
}

const EMPTY: StepData = { values: new Float64Array(0), present: new Uint8Array(0) };
