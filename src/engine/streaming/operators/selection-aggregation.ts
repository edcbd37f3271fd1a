/**
 * topk, bottomk, limitk and limit_ratio (mirrors aggregationK and the checks of
 * rangeEvalAgg, promql/engine.go; the heap discipline is the shared KSelector,
 * kernels/aggregation-k.ts).
 *
 * BUFFERS: a series' membership in the selection at any step is known only once every
 * series of its group has been seen, and the output labels must be known before the
 * first nextSeries(). So seriesMetadata() drains the input. A group with more members
 * than any step selects (topk(5) over 1,000 series) gets its own selector per step and
 * is offered each member as it arrives: only members in some step's current selection are
 * kept, and a member pushed out of its last step is released at once (it cannot return).
 * Other groups, and limit_ratio's (decided per member), keep their members until the
 * group's last one arrives, then select per step. Either way only the selected series
 * leave, masked to the steps that selected them. Memory: the buffered groups' members,
 * the streamed groups' current selections and selectors, and the selected series.
 *
 * Contract: seriesMetadata() returns the selected series (input labels and marks): in an
 * instant query in Prometheus's selection order (groups by first appearance, each sorted
 * as the heap leaves it), otherwise in input order. nextSeries() hands over the buffered
 * StepData (caller owns it).
 */
import type { AggregateExpr } from '../../parser/ast.ts';
import { PromQLError } from '../../model/errors.ts';
import { KSelector } from '../../kernels/aggregation-k.ts';
import { keepByRatio, ratioSampleOffset } from '../../kernels/aggregation-ratio-sampler.ts';
import { goFormatG } from '../../kernels/go-format.ts';
import type { InstantVectorOperator, ScalarOperator, SeriesMeta, StepData } from '../operator.ts';
import { Grouping } from '../grouping.ts';
import { paramInfo } from '../param-info.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';

const MIN_INT64 = -9223372036854775808;
const MAX_INT64 = 9223372036854775807;

export class SelectionAggregationOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  readonly grid: StepGrid;
  private output: { meta: SeriesMeta; data: StepData }[] = [];
  private nextOut = 0;
  /** Buffered members of groups still open, by input index. */
  private readonly open = new Map<number, StepData>();
  /** Selected series of completed groups not yet moved to `output`. */
  private readonly selected = new Map<number, StepData>();
  /** Bytes charged for the per-step selectors of streamed groups still open. */
  private selectorCharge = 0;

  constructor(
    private readonly sc: StreamingContext,
    private readonly node: AggregateExpr,
    private readonly inner: InstantVectorOperator,
    private readonly paramOp: ScalarOperator,
  ) {
    this.grid = inner.grid;
  }

  seriesMetadata(): SeriesMeta[] {
    const pool = this.sc.pool;
    const q = this.paramOp.values();
    try {
      const p = paramInfo(q);
      const op = this.node.op;
      const meta = this.inner.seriesMetadata();
      if (op === 'limit_ratio') {
        if (p.max === 0 && p.min === 0) return this.drainNothing(meta.length);
        if (p.hasNaN) this.failAfterInput(meta.length, new PromQLError('eval', 'ratio_nan', 'Ratio value is NaN'));
        const range = (this.node.param ?? this.node).range;
        if (p.max > 1) this.sc.ctx.annotations.warn(`ratio value should be between -1 and 1, got ${goFormatG(p.max)}, capping to ${goFormatG(1)}`, range);
        if (p.min < -1) this.sc.ctx.annotations.warn(`ratio value should be between -1 and 1, got ${goFormatG(p.min)}, capping to ${goFormatG(-1)}`, range);
      } else {
        if (p.max < 1) return this.drainNothing(meta.length);
        if (p.hasNaN) this.failAfterInput(meta.length, new PromQLError('eval', 'param_nan', 'Parameter value is NaN'));
        if (p.min <= MIN_INT64) this.failAfterInput(meta.length, new PromQLError('eval', 'param_underflow', `Scalar value ${goFormatG(p.min)} underflows int64`));
        if (p.max >= MAX_INT64) this.failAfterInput(meta.length, new PromQLError('eval', 'param_overflow', `Scalar value ${goFormatG(p.max)} overflows int64`));
      }
      const grouping = new Grouping(this.node.grouping, this.node.without);
      const groupOf = new Int32Array(meta.length);
      const members: number[][] = [];
      const ids = new Map<string, number>();
      for (let i = 0; i < meta.length; i++) {
        const k = grouping.key(meta[i].labels);
        let g = ids.get(k);
        if (g === undefined) {
          g = members.length;
          ids.set(k, g);
          members.push([]);
        }
        members[g].push(i);
        groupOf[i] = g;
      }
      const n = this.grid.stepCount;
      const selectedBy = this.selected;
      /** Instant queries: selection order. */
      const order: number[][] = members.map(() => []);
      // Upstream's groups are numbered by first appearance in a vector that holds only
      // series with values; an all-absent series must not give its group an early place.
      const firstPresent = new Int32Array(members.length).fill(0x7fffffff);
      const selector = op === 'limit_ratio' ? null : (op as 'topk' | 'bottomk' | 'limitk');
      const limit = op === 'limitk';
      /** Each step's k (0: no selection at that step), and the largest. */
      const stepK = new Int32Array(n);
      let kMax = 0;
      for (let t = 0; t < n; t++) {
        const k = Math.min(Math.trunc(q[t]), meta.length);
        if (k >= 1) stepK[t] = k;
        if (stepK[t] > kMax) kMax = stepK[t];
      }
      /** The selectors of the steps (created once, reused by every buffered group), and this group's (null: no selection). */
      const stepSelectors: (KSelector | undefined)[] = new Array(n);
      const live: (KSelector | null)[] = new Array(n).fill(null);
      /** Per streamed group still open, its own per-step selectors. */
      const groupSelectors = new Map<number, (KSelector | null)[]>();
      /** Per held member of a streamed group, at how many steps it is in the selection. */
      const heldRefs = new Int32Array(selector === null ? 0 : meta.length);
      const selectorBytes = n * (16 * kMax + 48);
      for (let i = 0; i < meta.length; i++) {
        const data = this.inner.nextSeries();
        const g = groupOf[i];
        if (firstPresent[g] === 0x7fffffff) {
          for (let t = 0; t < n; t++) if (data.present[t] === 1) { firstPresent[g] = i; break; }
        }
        const m = members[g];
        if (selector !== null && m.length > kMax) {
          // More members than any step selects: offer each as it arrives, and keep only
          // those in some step's selection (a member left out of a step never returns).
          let sel = groupSelectors.get(g);
          if (sel === undefined) {
            sel = new Array(n);
            for (let t = 0; t < n; t++) {
              const st = stepK[t] >= 1 ? new KSelector(selector) : null;
              if (st !== null) st.begin(stepK[t]);
              sel[t] = st;
            }
            groupSelectors.set(g, sel);
            this.selectorCharge += pool.charge(selectorBytes, `${op} per-step selection`);
          }
          this.offerMember(i, data, sel, heldRefs);
          if (m[m.length - 1] !== i) continue;
          this.finishStreamedGroup(m, sel, n === 1 ? order[g] : null);
          groupSelectors.delete(g);
          pool.releaseCharge(selectorBytes);
          this.selectorCharge -= selectorBytes;
          continue;
        }
        this.open.set(i, data);
        if (m[m.length - 1] !== i) continue;
        // The group is complete: select per step, keep the winners, free the rest.
        const groupData: StepData[] = m.map((si) => this.open.get(si) as StepData);
        const keep: (StepData | null)[] = new Array(m.length).fill(null);
        const keepOf = (j: number): StepData => {
          let o = keep[j];
          if (o === null) keep[j] = o = pool.acquireStepData(n, `${op} output`);
          return o;
        };
        if (selector === null) {
          for (let j = 0; j < m.length; j++) {
            const d = groupData[j];
            const off = ratioSampleOffset(meta[m[j]].labels);
            for (let t = 0; t < n; t++) {
              const f = q[t];
              if (f === 0 || d.present[t] === 0) continue;
              const r = f < -1 ? -1 : f > 1 ? 1 : f;
              if (keepByRatio(r, off)) {
                const o = keepOf(j);
                o.present[t] = 1;
                o.values[t] = d.values[t];
              }
            }
          }
        } else {
          // One selector per step, fed member by member: each step sees its offers in
          // member order, as upstream's per-step loop, while each member's data is read
          // front to back (reading step by step across all members missed the cache).
          for (let t = 0; t < n; t++) {
            const st = stepK[t] >= 1 ? stepSelectors[t] ?? (stepSelectors[t] = new KSelector(selector)) : null;
            if (st !== null) st.begin(stepK[t]);
            live[t] = st;
          }
          for (let j = 0; j < m.length; j++) {
            const { values, present } = groupData[j];
            for (let t = 0; t < n; t++) {
              const st = live[t];
              if (st !== null && present[t] === 1 && !(limit && st.full)) st.offer(j, values[t]);
            }
          }
          for (let t = 0; t < n; t++) {
            const st = live[t];
            if (st === null || st.size === 0) continue;
            for (const j of st.result()) {
              const o = keepOf(j);
              o.present[t] = 1;
              o.values[t] = groupData[j].values[t];
              if (n === 1) order[g].push(m[j]);
            }
          }
        }
        for (let j = 0; j < m.length; j++) {
          pool.releaseStepData(groupData[j]);
          this.open.delete(m[j]);
          const o = keep[j];
          if (o !== null) selectedBy.set(m[j], o);
        }
      }
      let picks: number[];
      if (n === 1 && selector !== null) {
        const groupsInOrder = members.map((_, g) => g).sort((a, b) => firstPresent[a] - firstPresent[b] || a - b);
        picks = groupsInOrder.flatMap((g) => order[g]);
      }
      else picks = [...selectedBy.keys()].sort((a, b) => a - b);
      // Identical label sets selected at different steps are merged (and at one step
      // rejected) by the DeduplicateAndMerge operator the planner puts on top.
      for (const si of picks) {
        this.output.push({ meta: meta[si], data: selectedBy.get(si) as StepData });
        selectedBy.delete(si);
      }
      for (const d of selectedBy.values()) pool.releaseStepData(d);
      return this.output.map((o) => o.meta);
    } finally {
      pool.releaseFloat64(q);
    }
  }

  /**
   * Offers input series `i` to its streamed group's per-step selectors; keeps its data in
   * `open` while it is in some step's selection, and releases the data of members it
   * pushes out of their last step.
   */
  private offerMember(i: number, data: StepData, sel: readonly (KSelector | null)[], heldRefs: Int32Array): void {
    const pool = this.sc.pool;
    const { values, present } = data;
    let refs = 0;
    for (let t = 0; t < sel.length; t++) {
      const st = sel[t];
      if (st === null || present[t] === 0) continue;
      const dropped = st.offer(i, values[t]);
      if (dropped === i) continue;
      refs++;
      if (dropped >= 0 && --heldRefs[dropped] === 0) {
        pool.releaseStepData(this.open.get(dropped) as StepData);
        this.open.delete(dropped);
      }
    }
    if (refs === 0) pool.releaseStepData(data);
    else {
      heldRefs[i] = refs;
      this.open.set(i, data);
    }
  }

  /**
   * Completes a streamed group: each held member keeps its values at the steps that
   * selected it (in place) and moves to `selected`; `order` (instant queries) gets the
   * selection in Prometheus's order.
   */
  private finishStreamedGroup(members: readonly number[], sel: readonly (KSelector | null)[], order: number[] | null): void {
    for (const i of members) this.open.get(i)?.present.fill(0);
    for (let t = 0; t < sel.length; t++) {
      const st = sel[t];
      if (st === null || st.size === 0) continue;
      for (const i of st.result()) {
        (this.open.get(i) as StepData).present[t] = 1;
        if (order !== null) order.push(i);
      }
    }
    for (const i of members) {
      const d = this.open.get(i);
      if (d === undefined) continue;
      this.selected.set(i, d);
      this.open.delete(i);
    }
  }

  private drainNothing(count: number): SeriesMeta[] {
    for (let i = 0; i < count; i++) this.sc.pool.releaseStepData(this.inner.nextSeries());
    return [];
  }

  /**
   * Upstream checks the parameter only once the input is evaluated (rangeEvalAgg), so an
   * error in the input wins: read it all, then throw `error`.
   */
  private failAfterInput(count: number, error: PromQLError): never {
    this.drainNothing(count);
    throw error;
  }

  nextSeries(): StepData {
    const o = this.output[this.nextOut];
    this.output[this.nextOut++] = { meta: o.meta, data: EMPTY };
    return o.data;
  }

  close(): void {
    for (let i = this.nextOut; i < this.output.length; i++) if (this.output[i].data !== EMPTY) this.sc.pool.releaseStepData(this.output[i].data);
    this.output = [];
    for (const d of this.open.values()) this.sc.pool.releaseStepData(d);
    this.open.clear();
    for (const d of this.selected.values()) this.sc.pool.releaseStepData(d);
    this.selected.clear();
    if (this.selectorCharge !== 0) {
      this.sc.pool.releaseCharge(this.selectorCharge);
      this.selectorCharge = 0;
    }
    this.paramOp.close();
    this.inner.close();
  }
}

const EMPTY: StepData = { values: new Float64Array(0), present: new Uint8Array(0) };
