/**
 * histogram_quantile(φ, v), histogram_quantiles(v, "label", φ1, …) and
 * histogram_fraction(lower, upper, v) over classic `le` buckets (mirrors funcHistogramQuantile / funcHistogramFraction and resetHistograms,
 * promql/functions.go and engine.go; the maths is kernels/histogram-quantile.ts).
 *
 * Contract: seriesMetadata() groups the input by its labels without `le` (one output
 * series per group, or per group and φ for histogram_quantiles — labelled with the φ as
 * OpenMetrics prints it —, `__name__` marked for removal), groups in order of first
 * appearance. nextSeries() reads input series until the next group is complete, BUFFERING
 * the bucket series of open groups (a quantile needs every bucket of a step at once), computes
 * the group per step and releases its buckets; the caller owns the returned StepData.
 * Series whose `le` does not parse are read, warned about when they have a value, and
 * dropped. Native histograms are out of scope.
 */
import type { Call } from '../../parser/ast.ts';
import { getLabel, labelsKey, removeLabels, METRIC_NAME } from '../../model/labels.ts';
import { goQuote } from '../../model/strings.ts';
import { bucketFraction, bucketQuantile, newBucketQuantileInfo, parseBucketBound } from '../../kernels/histogram-quantile.ts';
import { invalidQuantileMessage } from '../../kernels/quantile.ts';
import { formatOpenMetricsFloat } from '../../kernels/go-format.ts';
import { ForcedMonotonicityTracker } from '../../kernels/histogram-quantile.ts';
import { LabelsBuilder } from '../../model/labels.ts';
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
  private readonly multi: boolean;
  /** Per group, its output entries in output order: φ index and, for histogram_quantiles, the φ label value. */
  private entries: { q: number; text: string }[][] = [];
  private pendingOut: StepData[] = [];
  private readonly trackers = new Map<string, ForcedMonotonicityTracker>();

  constructor(
    private readonly sc: StreamingContext,
    private readonly node: Call,
    private readonly paramOps: readonly ScalarOperator[],
    private readonly inner: InstantVectorOperator,
  ) {
    this.grid = inner.grid;
    this.fraction = node.func.name === 'histogram_fraction';
    this.multi = node.func.name === 'histogram_quantiles';
  }

  /** The argument that holds the buckets. */
  private get histArgIndex(): number {
    return this.multi ? 0 : this.fraction ? 2 : 1;
  }

  seriesMetadata(): SeriesMeta[] {
    for (const p of this.paramOps) this.params.push(p.values());
    if (!this.fraction) {
      // Scalar arguments: histogram_quantile's first, histogram_quantiles' from the third on.
      const qArgs = this.multi ? this.node.args.slice(2) : this.node.args.slice(0, 1);
      for (let k = 0; k < this.params.length; k++) {
        const q = this.params[k];
        for (let i = 0; i < q.length; i++) if (q[i] !== q[i] || q[i] < 0 || q[i] > 1) this.sc.ctx.annotations.warn(invalidQuantileMessage(q[i]), qArgs[k].range);
      }
    }
    const qLabel = this.multi ? stringValue(this.node.args[1]) : '';
    const qTexts: string[][] = this.params.map((q) => (this.multi ? [...new Set(Array.from(q, formatOpenMetricsFloat))] : ['']));
    this.meta = this.inner.seriesMetadata();
    const ids = new Map<string, number>();
    const groupMetas: SeriesMeta[][] = [];
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
        const entries: { q: number; text: string }[] = [];
        const metas: SeriesMeta[] = [];
        for (let k = 0; k < (this.fraction ? 1 : this.params.length); k++) {
          for (const text of qTexts[k]) {
            entries.push({ q: k, text });
            const labels = this.multi ? new LabelsBuilder(without).set(qLabel, text).build() : without;
            metas.push(markDropName({ labels, dropName: this.meta[i].dropName }, this.sc.ctx.delayedNameRemoval));
          }
        }
        this.entries.push(entries);
        groupMetas.push(metas);
      }
      this.members[g].push(i);
      this.groupOf[i] = g;
    }
    // Groups in order of first appearance, as upstream's result vector.
    this.order = this.members.map((_, g) => g);
    if (this.order.length === 0) this.drainRest();
    if (!this.multi) return this.order.flatMap((g) => groupMetas[g]);
    // histogram_quantiles: upstream's step loop makes one series per φ for every group
    // before the next φ (φ-major), so that is the order here too.
    const out: SeriesMeta[] = [];
    const entryCount = this.order.length > 0 ? groupMetas[this.order[0]].length : 0;
    for (let e = 0; e < entryCount; e++) for (const g of this.order) out.push(groupMetas[g][e]);
    return out;
  }

  nextSeries(): StepData {
    if (this.pendingOut.length > 0) return this.pendingOut.shift() as StepData;
    if (this.multi) {
      // BUFFERS the outputs (groups × φ series, never the buckets) to emit them φ-major.
      const perGroup: StepData[][] = [];
      try {
        while (this.nextOut < this.order.length) perGroup.push(this.computeGroup());
      } catch (e) {
        for (const outs of perGroup) for (const d of outs) this.sc.pool.releaseStepData(d);
        throw e;
      }
      const entryCount = perGroup.length > 0 ? perGroup[0].length : 0;
      for (let e = 0; e < entryCount; e++) for (const outs of perGroup) this.pendingOut.push(outs[e]);
      return this.pendingOut.shift() as StepData;
    }
    const outs = this.computeGroup();
    this.pendingOut = outs.slice(1);
    return outs[0];
  }

  /** Reads the next group's buckets and computes its output series (one per entry). */
  private computeGroup(): StepData[] {
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
    const entries = this.entries[g];
    const outs = entries.map(() => pool.acquireStepData(n, `${this.node.func.name} output`));
    const upper = pool.acquireFloat64(m.length, 'histogram buckets');
    const counts = pool.acquireFloat64(m.length, 'histogram buckets');
    const info = newBucketQuantileInfo();
    const metricName = this.sc.ctx.delayedNameRemoval ? getLabel(this.meta[m[0]].labels, METRIC_NAME) : '';
    try {
      for (let e = 0; e < entries.length; e++) {
        const { q: k, text } = entries[e];
        const out = outs[e];
        for (let i = 0; i < n; i++) {
          if (this.multi && formatOpenMetricsFloat(this.params[k][i]) !== text) continue;
          // The kernels reorder their inputs: gather the step's buckets afresh for each φ.
          let c = 0;
          for (const si of m) {
            const d = this.buffered.get(si) as StepData;
            if (d.present[i] === 0) continue;
            upper[c] = this.bound[si];
            counts[c] = d.values[i];
            c++;
          }
          if (c === 0) continue;
          out.present[i] = 1;
          if (this.fraction) out.values[i] = bucketFraction(this.params[0][i], this.params[1][i], upper, counts, c);
          else {
            out.values[i] = bucketQuantile(this.params[k][i], upper, counts, c, info);
            if (info.forcedMonotonicity) this.trackerFor(metricName).add(this.grid.startMs + i * this.grid.stepMs, info);
          }
        }
      }
    } catch (err) {
      for (const o of outs) pool.releaseStepData(o);
      throw err;
    } finally {
      pool.releaseFloat64(upper);
      pool.releaseFloat64(counts);
      for (const si of m) {
        pool.releaseStepData(this.buffered.get(si) as StepData);
        this.buffered.delete(si);
      }
    }
    if (this.nextOut === this.order.length) {
      try {
        this.drainRest();
      } catch (e) {
        for (const o of outs) pool.releaseStepData(o);
        throw e;
      }
      this.flushMonotonicityInfo();
    }
    return outs;
  }

  private trackerFor(metricName: string): ForcedMonotonicityTracker {
    let t = this.trackers.get(metricName);
    if (!t) this.trackers.set(metricName, (t = new ForcedMonotonicityTracker()));
    return t;
  }

  /** One info per metric name for the whole call, merged over series and steps as upstream merges its annotation. */
  private flushMonotonicityInfo(): void {
    for (const [metric, t] of this.trackers) {
      this.sc.ctx.annotations.info(t.message('', metric).replace(/ \(\)$/, ''), this.node.args[this.histArgIndex].range);
    }
    this.trackers.clear();
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
    this.sc.ctx.annotations.warn(text, this.node.args[this.histArgIndex].range);
  }

  close(): void {
    for (const d of this.pendingOut) this.sc.pool.releaseStepData(d);
    this.pendingOut = [];
    for (const d of this.buffered.values()) this.sc.pool.releaseStepData(d);
    this.buffered.clear();
    for (const p of this.params) this.sc.pool.releaseFloat64(p);
    this.params = [];
    for (const p of this.paramOps) p.close();
    this.inner.close();
  }
}

function stringValue(e: Call['args'][number]): string {
  let x = e;
  while (x.type === 'ParenExpr' || x.type === 'StepInvariantExpr') x = x.expr;
  return x.type === 'StringLiteral' ? x.value : '';
}
