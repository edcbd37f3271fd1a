/**
 * Aggregations whose state per group is a few numbers per step: sum, avg, count, min,
 * max, group, stddev, stdvar, and quantile (which keeps each group's values per step).
 * Mirrors `aggregation` in promql/engine.go and Mimir's operators/aggregations
 * Aggregation (groups emitted in the order of their last input series).
 *
 * Contract: seriesMetadata() reads the input metadata (no samples), computes each input
 * series' group and each group's last input series, and returns one series per group,
 * ordered by that last series index. nextSeries() pulls input series (one at a time,
 * each released right after it is accumulated) until the next group is complete, then
 * returns that group's pooled StepData (caller owns it) and frees its accumulator.
 * Accumulators are pooled typed arrays sized to the step count, allocated when a
 * group's first series arrives. Only `quantile` buffers: it keeps, per group, the
 * values of all its input series over the steps (it needs all of them at each step).
 * Groups with no value at any step come out as all-absent series (the evaluator drops
 * empty series from the final result, as Prometheus does).
 */
import type { AggregateExpr } from '../../parser/ast.ts';
import { labelsKey } from '../../model/labels.ts';
import { kahanSumInc } from '../../kernels/kahan.ts';
import { invalidQuantileMessage, quantileInPlace } from '../../kernels/quantile.ts';
import type { InstantVectorOperator, ScalarOperator, SeriesMeta, StepData } from '../operator.ts';
import { Grouping } from '../grouping.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';

type SimpleOp = 'sum' | 'avg' | 'count' | 'min' | 'max' | 'group' | 'stddev' | 'stdvar' | 'quantile';

const FLAG_SEEN = 1;
const FLAG_INCREMENTAL = 2;

/** Per-group running state over the steps; every array is pooled. */
interface GroupState {
  /** sum/avg: (value, kahan c) pairs per step (2n); others: value per step (n). */
  acc: Float64Array | null;
  /** count per step (avg, count, stddev, stdvar), or mean per step (stddev, stdvar) in `mean`. */
  count: Float64Array | null;
  mean: Float64Array | null;
  flags: Uint8Array | null;
  /** quantile only: the member series' values, member-major (members × n), and their presence. */
  qValues: Float64Array[];
  qPresent: Uint8Array[];
}

export class AggregationOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  readonly grid: StepGrid;
  private groupOf: Int32Array = new Int32Array(0);
  /** Output order: group ids sorted by their last input series. */
  private order: number[] = [];
  private lastInput: number[] = [];
  private states: (GroupState | null)[] = [];
  private nextOut = 0;
  private nextIn = 0;
  private param: Float64Array | null = null;
  private readonly op: SimpleOp;

  constructor(
    private readonly sc: StreamingContext,
    private readonly node: AggregateExpr,
    private readonly inner: InstantVectorOperator,
    private readonly paramOp: ScalarOperator | null,
  ) {
    this.grid = inner.grid;
    this.op = node.op as SimpleOp;
  }

  seriesMetadata(): SeriesMeta[] {
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
      // Prometheus marks a group when any of its samples is marked (groupedAggregation.dropName).
      if (meta[i].dropName) groupLabels[g].dropName = true;
      this.groupOf[i] = g;
    }
    this.states = new Array(groupLabels.length).fill(null);
    this.order = groupLabels.map((_, g) => g).sort((a, b) => this.lastInput[a] - this.lastInput[b]);
    if (this.paramOp) {
      this.param = this.paramOp.values();
      if (this.op === 'quantile') this.warnQuantileParam(this.param);
    }
    return this.order.map((g) => groupLabels[g]);
  }

  private warnQuantileParam(q: Float64Array): void {
    let max = -Infinity;
    let min = Infinity;
    let nan = false;
    for (let i = 0; i < q.length; i++) {
      if (q[i] !== q[i]) nan = true;
      else {
        if (q[i] > max) max = q[i];
        if (q[i] < min) min = q[i];
      }
    }
    const range = (this.node.param as { range: { from: number; to: number } }).range;
    if (nan) this.sc.ctx.annotations.warn(invalidQuantileMessage(NaN), range);
    if (max > 1) this.sc.ctx.annotations.warn(invalidQuantileMessage(max), range);
    if (min < 0) this.sc.ctx.annotations.warn(invalidQuantileMessage(min), range);
  }

  nextSeries(): StepData {
    const g = this.order[this.nextOut++];
    const last = this.lastInput[g];
    while (this.nextIn <= last) {
      const i = this.nextIn++;
      const d = this.inner.nextSeries();
      try {
        this.accumulate(this.groupOf[i], d);
      } finally {
        if (this.op !== 'quantile') this.sc.pool.releaseStepData(d);
      }
    }
    return this.finish(g);
  }

  private newState(): GroupState {
    const n = this.grid.stepCount;
    const pool = this.sc.pool;
    const what = `${this.op} accumulator`;
    const s: GroupState = { acc: null, count: null, mean: null, flags: pool.acquireUint8(n, what), qValues: [], qPresent: [] };
    const op = this.op;
    if (op === 'quantile') return s;
    s.acc = pool.acquireFloat64(op === 'sum' || op === 'avg' ? 2 * n : n, what);
    if (op === 'avg' || op === 'count' || op === 'stddev' || op === 'stdvar') s.count = pool.acquireFloat64(n, what);
    if (op === 'stddev' || op === 'stdvar') s.mean = pool.acquireFloat64(n, what);
    return s;
  }

  /** Mirrors the per-sample switch of `aggregation`, promql/engine.go (floats only). */
  private accumulate(g: number, d: StepData): void {
    let s = this.states[g];
    if (s === null) {
      s = this.newState();
      this.states[g] = s;
    }
    const flags = s.flags as Uint8Array;
    const n = this.grid.stepCount;
    const values = d.values;
    const present = d.present;
    const op = this.op;
    if (op === 'quantile') {
      s.qValues.push(values);
      s.qPresent.push(present);
      for (let i = 0; i < n; i++) if (present[i] === 1) flags[i] |= FLAG_SEEN;
      return;
    }
    const acc = s.acc as Float64Array;
    const count = s.count;
    const mean = s.mean;
    for (let i = 0; i < n; i++) {
      if (present[i] === 0) continue;
      const f = values[i];
      if ((flags[i] & FLAG_SEEN) === 0) {
        flags[i] = FLAG_SEEN;
        switch (op) {
          case 'sum':
          case 'avg':
            acc[2 * i] = f;
            acc[2 * i + 1] = 0;
            if (count) count[i] = 1;
            break;
          case 'stddev':
          case 'stdvar':
            acc[i] = f !== f || f === Infinity || f === -Infinity ? NaN : 0;
            (mean as Float64Array)[i] = f;
            (count as Float64Array)[i] = 1;
            break;
          case 'group':
            acc[i] = 1;
            break;
          case 'count':
            (count as Float64Array)[i] = 1;
            break;
          default:
            acc[i] = f;
        }
        continue;
      }
      switch (op) {
        case 'sum':
          kahanSumInc(f, acc[2 * i], acc[2 * i + 1], acc, 2 * i);
          break;
        case 'avg': {
          const cnt = ++(count as Float64Array)[i];
          if ((flags[i] & FLAG_INCREMENTAL) === 0) {
            const v = acc[2 * i];
            const c = acc[2 * i + 1];
            kahanSumInc(f, v, c, acc, 2 * i);
            const nv = acc[2 * i];
            if (nv !== Infinity && nv !== -Infinity) break;
            // Overflow: revert to the incremental mean from the state before this sample.
            flags[i] |= FLAG_INCREMENTAL;
            acc[2 * i] = v / (cnt - 1);
            acc[2 * i + 1] = c / (cnt - 1);
          }
          const q = (cnt - 1) / cnt;
          kahanSumInc(f / cnt, q * acc[2 * i], q * acc[2 * i + 1], acc, 2 * i);
          break;
        }
        case 'max':
          if (acc[i] < f || acc[i] !== acc[i]) acc[i] = f;
          break;
        case 'min':
          if (acc[i] > f || acc[i] !== acc[i]) acc[i] = f;
          break;
        case 'count':
          (count as Float64Array)[i]++;
          break;
        case 'stddev':
        case 'stdvar': {
          const cnt = ++(count as Float64Array)[i];
          const m = mean as Float64Array;
          const delta = f - m[i];
          m[i] += delta / cnt;
          acc[i] += delta * (f - m[i]);
          break;
        }
        default:
          break;
      }
    }
  }

  private finish(g: number): StepData {
    const n = this.grid.stepCount;
    const out = this.sc.pool.acquireStepData(n, `${this.op} output`);
    const s = this.states[g];
    if (s === null) return out;
    this.states[g] = null;
    const flags = s.flags as Uint8Array;
    const acc = s.acc as Float64Array;
    const count = s.count as Float64Array;
    const values = out.values;
    let scratch: Float64Array | null = null;
    if (this.op === 'quantile') scratch = this.sc.pool.acquireFloat64(Math.max(1, s.qValues.length), 'quantile scratch');
    for (let i = 0; i < n; i++) {
      const fl = flags[i];
      if ((fl & FLAG_SEEN) === 0) continue;
      out.present[i] = 1;
      switch (this.op) {
        case 'sum':
          values[i] = acc[2 * i] + acc[2 * i + 1];
          break;
        case 'avg':
          values[i] = (fl & FLAG_INCREMENTAL) !== 0 ? acc[2 * i] + acc[2 * i + 1] : acc[2 * i] / count[i] + acc[2 * i + 1] / count[i];
          break;
        case 'count':
          values[i] = count[i];
          break;
        case 'stdvar':
          values[i] = acc[i] / count[i];
          break;
        case 'stddev':
          values[i] = Math.sqrt(acc[i] / count[i]);
          break;
        case 'quantile': {
          const buf = scratch as Float64Array;
          let m = 0;
          for (let k = 0; k < s.qValues.length; k++) if (s.qPresent[k][i] === 1) buf[m++] = s.qValues[k][i];
          values[i] = quantileInPlace((this.param as Float64Array)[i], buf, m);
          break;
        }
        default:
          values[i] = acc[i];
      }
    }
    if (scratch) this.sc.pool.releaseFloat64(scratch);
    this.releaseState(s);
    return out;
  }

  private releaseState(s: GroupState): void {
    const pool = this.sc.pool;
    if (s.acc) pool.releaseFloat64(s.acc);
    if (s.count) pool.releaseFloat64(s.count);
    if (s.mean) pool.releaseFloat64(s.mean);
    if (s.flags) pool.releaseUint8(s.flags);
    for (let k = 0; k < s.qValues.length; k++) pool.releaseStepData({ values: s.qValues[k], present: s.qPresent[k] });
    s.acc = s.count = s.mean = s.flags = null;
    s.qValues = [];
    s.qPresent = [];
  }

  close(): void {
    for (let g = 0; g < this.states.length; g++) {
      const s = this.states[g];
      if (s) this.releaseState(s);
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
