/**
 * Aggregations whose state per group is a few numbers per step: sum, avg, count, min,
 * max, group, stddev, stdvar, quantile. The maths is the shared FloatAggregator
 * (kernels/aggregation.ts, mirroring `aggregation` in promql/engine.go); the data flow
 * mirrors Mimir's operators/aggregations Aggregation.
 *
 * Contract: seriesMetadata() reads the input metadata (no samples), computes each input
 * series' group and each group's last input series, and returns one series per group in
 * order of first appearance (Prometheus's order, which topk/limitk and sort ties
 * observe). nextSeries() pulls input series (one at a time, each released right after it
 * is folded in) until the next group's last series has arrived, then returns that
 * group's pooled StepData (caller owns it) and frees its accumulator. A group that
 * completes before an earlier one keeps its accumulator until its turn.
 * Accumulators are sized to the step count, created when a group's first series arrives
 * and charged to the tracker. On a one-step grid (instant queries) the input is folded in
 * during seriesMetadata() instead, to order the groups as Prometheus does (see
 * orderByFirstValue). Only `quantile` buffers: its accumulator keeps every value
 * of the group per step (it needs all of them at once). Groups with no value at any step
 * come out as all-absent series (the evaluator drops empty series from the result, as
 * Prometheus does).
 */
import type { AggregateExpr } from '../../parser/ast.ts';
import { labelsKey } from '../../model/labels.ts';
import { FloatAggregator, type SimpleAggregateOp } from '../../kernels/aggregation.ts';
import { invalidQuantileMessage } from '../../kernels/quantile.ts';
import { BYTES } from '../../model/memory-tracker.ts';
import type { InstantVectorOperator, ScalarOperator, SeriesMeta, StepData } from '../operator.ts';
import { Grouping } from '../grouping.ts';
import { paramInfo } from '../param-info.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';

interface GroupState {
  readonly agg: FloatAggregator;
  /** Bytes charged for it (quantile grows: charged per value added). */
  charged: number;
}

export class AggregationOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  readonly grid: StepGrid;
  private groupOf: Int32Array = new Int32Array(0);
  /** Output order: group ids in order of first appearance. */
  private order: number[] = [];
  private lastInput: number[] = [];
  private states: (GroupState | null)[] = [];
  private nextOut = 0;
  private nextIn = 0;
  private param: Float64Array | null = null;
  private readonly op: SimpleAggregateOp;
  private inputMeta: SeriesMeta[] = [];
  /** Output metadata by group id; `dropName` is set when the group is finished. */
  private outputMeta: SeriesMeta[] = [];

  constructor(
    private readonly sc: StreamingContext,
    private readonly node: AggregateExpr,
    private readonly inner: InstantVectorOperator,
    private readonly paramOp: ScalarOperator | null,
  ) {
    this.grid = inner.grid;
    this.op = node.op as SimpleAggregateOp;
  }

  seriesMetadata(): SeriesMeta[] {
    // Prometheus evaluates the parameter before the aggregated expression.
    if (this.paramOp) {
      this.param = this.paramOp.values();
      if (this.op === 'quantile') warnQuantileParam(this.sc, this.node, this.param);
    }
    const meta = this.inner.seriesMetadata();
    const grouping = new Grouping(this.node.grouping, this.node.without);
    const ids = new Map<string, number>();
    const groupLabels: { labels: SeriesMeta['labels']; dropName: boolean }[] = [];
    this.groupOf = new Int32Array(meta.length);
    for (let i = 0; i < meta.length; i++) {
      const labels = grouping.labels(meta[i].labels);
      const k = labelsKey(labels);
      let g = ids.get(k);
      if (g === undefined) {
        g = groupLabels.length;
        ids.set(k, g);
        groupLabels.push({ labels, dropName: false });
        this.lastInput.push(i);
      } else this.lastInput[g] = i;
      this.groupOf[i] = g;
    }
    this.states = new Array(groupLabels.length).fill(null);
    this.order = groupLabels.map((_, g) => g);
    this.inputMeta = meta;
    this.outputMeta = groupLabels;
    if (this.grid.stepCount === 1) this.orderByFirstValue();
    return this.order.map((g) => groupLabels[g]);
  }

  /**
   * Instant queries: Prometheus creates a group at the first input series that has a
   * value (its selectors drop series without samples, which the streaming ones still
   * list), and topk/limitk ties downstream observe that order. With one step, every
   * accumulator is one value, so the input is folded in now and the groups ordered by
   * their first member with a value (groups with none, which yield nothing, last).
   */
  private orderByFirstValue(): void {
    const first = new Array<number>(this.states.length).fill(Infinity);
    while (this.nextIn < this.inputMeta.length) {
      const i = this.nextIn++;
      const d = this.inner.nextSeries();
      try {
        const g = this.groupOf[i];
        if (d.present[0] === 1 && first[g] === Infinity) first[g] = i;
        this.accumulate(g, d, this.inputMeta[i].dropName);
      } finally {
        this.sc.pool.releaseStepData(d);
      }
    }
    this.order.sort((a, b) => first[a] - first[b] || a - b);
  }

  nextSeries(): StepData {
    const g = this.order[this.nextOut++];
    const last = this.lastInput[g];
    // (With one step the input was folded in by orderByFirstValue: nextIn is past every last.)
    while (this.nextIn <= last) {
      const i = this.nextIn++;
      const d = this.inner.nextSeries();
      try {
        this.accumulate(this.groupOf[i], d, this.inputMeta[i].dropName);
      } finally {
        this.sc.pool.releaseStepData(d);
      }
    }
    return this.finish(g);
  }

  private accumulate(g: number, d: StepData, dropName: boolean): void {
    let s = this.states[g];
    if (s === null) {
      const agg = new FloatAggregator(this.op, this.grid.stepCount);
      s = { agg, charged: this.sc.pool.charge(agg.bytes, `${this.op} accumulator`) };
      this.states[g] = s;
    }
    if (this.op === 'quantile') {
      let added = 0;
      for (let i = 0; i < d.present.length; i++) added += d.present[i];
      s.charged += this.sc.pool.charge(added * BYTES.float64, 'quantile values');
    }
    s.agg.addSeries(d.values, d.present, dropName);
  }

  private finish(g: number): StepData {
    const out = this.sc.pool.acquireStepData(this.grid.stepCount, `${this.op} output`);
    const s = this.states[g];
    if (s === null) return out;
    this.states[g] = null;
    s.agg.finish(out.values, out.present, this.param ?? undefined);
    // Prometheus marks a group when a sample folded into it is marked (groupedAggregation.dropName).
    this.outputMeta[g].dropName = s.agg.dropName;
    this.sc.pool.releaseCharge(s.charged);
    return out;
  }

  close(): void {
    for (let g = 0; g < this.states.length; g++) {
      const s = this.states[g];
      if (s) this.sc.pool.releaseCharge(s.charged);
      this.states[g] = null;
    }
    if (this.param) {
      this.sc.pool.releaseFloat64(this.param);
      this.param = null;
    }
    this.paramOp?.close();
    this.inner.close();
  }
}

/** quantile's parameter warnings, once per query node. Mirrors rangeEvalAgg, promql/engine.go. */
export function warnQuantileParam(sc: StreamingContext, node: AggregateExpr, q: Float64Array): void {
  const p = paramInfo(q);
  const range = node.param ? node.param.range : node.range;
  if (p.hasNaN) sc.ctx.annotations.warn(invalidQuantileMessage(NaN), range);
  if (p.max > 1) sc.ctx.annotations.warn(invalidQuantileMessage(p.max), range);
  if (p.min < 0) sc.ctx.annotations.warn(invalidQuantileMessage(p.min), range);
}
