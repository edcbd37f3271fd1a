/**
 * histogram_quantile(φ, v) and histogram_fraction(lower, upper, v) over classic `le`
 * buckets (mirrors funcHistogramQuantile / funcHistogramFraction and resetHistograms,
 * promql/functions.go and engine.go; the maths is kernels/histogram-quantile.ts).
 *
 * Contract: seriesMetadata() groups the input by its labels without `le` (one output
 * series per group, `__name__` marked for removal) and orders groups by their last input
 * series. nextSeries() reads input series until the next group is complete, BUFFERING
 * that group's bucket series (a quantile needs every bucket of a step at once), computes
 * the group per step and releases its buckets; the caller owns the returned StepData.
 * Series whose `le` does not parse are read, warned about when they have a value, and
 * dropped. Native histograms are out of scope.
 */
import type { Call } from '../../parser/ast.ts';
import { getLabel, labelsKey, removeLabels, METRIC_NAME } from '../../model/labels.ts';
import { goQuote } from '../../model/strings.ts';
import { bucketFraction, bucketQuantile, forcedMonotonicityMessage, newBucketQuantileInfo, parseBucketBound } from '../../kernels/histogram-quantile.ts';
import { invalidQuantileMessage } from '../../kernels/quantile.ts';
import type { InstantVectorOperator, ScalarOperator, SeriesMeta, StepData } from '../operator.ts';
import { markDropName } from '../name-marking.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';

const LE = new Set(['le']);

export class HistogramFunctionOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  readonly grid: StepGrid;
  private params: Float64Array[] = [];
  private meta: SeriesMeta[] = [];
  private bound: Float64Array = new Float64Array(0);
  private groupOf: Int32Array = new Int32Array(0);
  private members: number[][] = [];
  private order: number[] = [];
  private nextOut = 0;
  private nextIn = 0;
  private readonly buffered = new Map<number, StepData>();
  private readonly fraction: boolean;

  constructor(
    private readonly sc: StreamingContext,
    private readonly node: Call,
    private readonly paramOps: readonly ScalarOperator[],
    private readonly inner: InstantVectorOperator,
  ) {
    this.grid = inner.grid;
    this.fraction = node.func.name === 'histogram_fraction';
  }

  seriesMetadata(): SeriesMeta[] {
    this.params = this.paramOps.map((p) => p.values());
    if (!this.fraction) {
      const q = this.params[0];
      for (let i = 0; i < q.length; i++) if (q[i] !== q[i] || q[i] < 0 || q[i] > 1) this.sc.ctx.annotations.warn(invalidQuantileMessage(q[i]), this.node.args[0].range);
    }
    this.meta = this.inner.seriesMetadata();
    const ids = new Map<string, number>();
    const out: SeriesMeta[] = [];
    this.bound = new Float64Array(this.meta.length);
    this.groupOf = new Int32Array(this.meta.length).fill(-1);
    for (let i = 0; i < this.meta.length; i++) {
      const labels = this.meta[i].labels;
      const b = parseBucketBound(getLabel(labels, 'le'));
      if (b === undefined) continue;
      this.bound[i] = b;
      const without = removeLabels(labels, LE);
      const k = labelsKey(without);
      let g = ids.get(k);
      if (g === undefined) {
        g = this.members.length;
        ids.set(k, g);
        this.members.push([]);
        out.push(markDropName({ labels: without, dropName: this.meta[i].dropName }, this.sc.ctx.delayedNameRemoval));
      }
      this.members[g].push(i);
      this.groupOf[i] = g;
    }
    const last = this.members.map((m) => m[m.length - 1]);
    this.order = this.members.map((_, g) => g).sort((a, b) => last[a] - last[b]);
    if (this.order.length === 0) this.drainRest();
    return this.order.map((g) => out[g]);
  }

  nextSeries(): StepData {
    const g = this.order[this.nextOut++];
    const m = this.members[g];
    const last = m[m.length - 1];
    while (this.nextIn <= last) {
      const i = this.nextIn++;
      const d = this.inner.nextSeries();
      if (this.groupOf[i] >= 0) this.buffered.set(i, d);
      else {
        this.warnBadBucket(i, d);
        this.sc.pool.releaseStepData(d);
      }
    }
    const n = this.grid.stepCount;
    const pool = this.sc.pool;
    const out = pool.acquireStepData(n, `${this.node.func.name} output`);
    const upper = pool.acquireFloat64(m.length, 'histogram buckets');
    const counts = pool.acquireFloat64(m.length, 'histogram buckets');
    const info = newBucketQuantileInfo();
    let fixed = false;
    try {
      for (let i = 0; i < n; i++) {
        let k = 0;
        for (const si of m) {
          const d = this.buffered.get(si) as StepData;
          if (d.present[i] === 0) continue;
          upper[k] = this.bound[si];
          counts[k] = d.values[i];
          k++;
        }
        if (k === 0) continue;
        out.present[i] = 1;
        if (this.fraction) out.values[i] = bucketFraction(this.params[0][i], this.params[1][i], upper, counts, k);
        else {
          out.values[i] = bucketQuantile(this.params[0][i], upper, counts, k, info);
          if (info.forcedMonotonicity) fixed = true;
        }
      }
    } finally {
      pool.releaseFloat64(upper);
      pool.releaseFloat64(counts);
      for (const si of m) {
        pool.releaseStepData(this.buffered.get(si) as StepData);
        this.buffered.delete(si);
      }
    }
    if (fixed) {
      const name = this.sc.ctx.delayedNameRemoval ? getLabel(this.meta[m[0]].labels, METRIC_NAME) : '';
      this.sc.ctx.annotations.info(forcedMonotonicityMessage(name), this.node.args[1].range);
    }
    if (this.nextOut === this.order.length) this.drainRest();
    return out;
  }

  /** Series after the last group's last member: only bad-bucket warnings are left to give. */
  private drainRest(): void {
    while (this.nextIn < this.meta.length) {
      const i = this.nextIn++;
      const d = this.inner.nextSeries();
      this.warnBadBucket(i, d);
      this.sc.pool.releaseStepData(d);
    }
  }

  /** Mirrors NewBadBucketLabelWarning, util/annotations: only when the series has a value. */
  private warnBadBucket(i: number, d: StepData): void {
    let any = false;
    for (let t = 0; t < d.present.length; t++) if (d.present[t] === 1) { any = true; break; }
    if (!any) return;
    const labels = this.meta[i].labels;
    const name = this.sc.ctx.delayedNameRemoval ? getLabel(labels, METRIC_NAME) : '';
    const text = `bucket label "le" is missing or has a malformed value of ${goQuote(getLabel(labels, 'le'))}` + (name === '' ? '' : ` for metric name ${goQuote(name)}`);
    this.sc.ctx.annotations.warn(text, this.node.args[this.node.args.length - 1].range);
  }

  close(): void {
    for (const d of this.buffered.values()) this.sc.pool.releaseStepData(d);
    this.buffered.clear();
    for (const p of this.params) this.sc.pool.releaseFloat64(p);
    this.params = [];
    for (const p of this.paramOps) p.close();
    this.inner.close();
  }
}
