/**
 * The experimental `info(v [, data-label-selector])` function: adds the data labels of
 * matching info series (default `target_info`), joined on the identifying labels
 * `instance` and `job`. Mirrors evalInfo, fetchInfoSeries, combineWithInfoSeries and
 * combineWithInfoVector, promql/info.go; the label logic is kernels/info-labels.ts,
 * shared with the naive evaluator.
 *
 * BUFFERS: the output label set of a series can change from step to step (it depends on
 * which info series is current), and the info series to fetch depend on the identifying
 * labels of every base series that has a value. So seriesMetadata() drains the base
 * vector, then fetches the info series one at a time (their sample times, for picking
 * the newest of duplicates), and builds the output series; nextSeries() hands them over
 * (caller owns them).
 */
import type { Call } from '../../parser/ast.ts';
import { labelsKey, type Labels } from '../../model/labels.ts';
import { sameLabelsetError } from '../../kernels/name-dropping.ts';
import { combineWithInfoSeries, planInfo, type InfoBaseSeries, type InfoDataSeries } from '../../kernels/info-labels.ts';
import type { InstantVectorOperator, SeriesMeta, StepData } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';
import { VectorSelectorOperator } from './vector-selector.ts';

/** An output series being built. */
interface Held {
  labels: Labels;
  dropName: boolean;
  data: StepData;
}

export class InfoOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  readonly grid: StepGrid;
  private output: (Held | null)[] = [];
  private nextOut = 0;
  private held: StepData[] = [];

  constructor(private readonly sc: StreamingContext, private readonly node: Call, private readonly base: InstantVectorOperator) {
    this.grid = base.grid;
  }

  seriesMetadata(): SeriesMeta[] {
    const pool = this.sc.pool;
    const n = this.grid.stepCount;
    // The base vector: only series with a value take part (as the materialized vector upstream).
    const baseMeta = this.base.seriesMetadata();
    const base: InfoBaseSeries[] = [];
    for (const m of baseMeta) {
      const d = this.base.nextSeries();
      let any = false;
      for (let i = 0; i < n; i++) if (d.present[i] === 1) { any = true; break; }
      if (!any) {
        pool.releaseStepData(d);
        continue;
      }
      this.held.push(d);
      base.push({ labels: m.labels, dropName: m.dropName, values: d.values, present: d.present });
    }
    const plan = planInfo(this.node, base.map((s) => s.labels));
    const infos: InfoDataSeries[] = [];
    if (plan.infoSelector) {
      // The selector emits each sample's own time (ms) as its value.
      const sel = new VectorSelectorOperator(this.sc, this.grid, plan.infoSelector, false, true);
      try {
        for (const m of sel.seriesMetadata()) {
          const d = sel.nextSeries();
          this.held.push(d);
          infos.push({ labels: m.labels, present: d.present, sampleTimes: d.values });
        }
      } finally {
        sel.close();
      }
    }
    const byKey = new Map<string, Held>();
    const out: Held[] = [];
    const put = (labels: Labels, dropName: boolean, i: number, v: number): void => {
      const key = labelsKey(labels);
      let o = byKey.get(key);
      if (!o) {
        o = { labels, dropName, data: pool.acquireStepData(n, 'info output') };
        byKey.set(key, o);
        out.push(o);
      }
      if (o.data.present[i] !== 0) throw sameLabelsetError();
      o.data.present[i] = 1;
      o.data.values[i] = v;
    };
    try {
      combineWithInfoSeries(plan, n, base, infos, put);
    } catch (err) {
      for (const o of out) pool.releaseStepData(o.data);
      throw err;
    } finally {
      for (const d of this.held) pool.releaseStepData(d);
      this.held = [];
    }
    this.output = out;
    return out.map((o) => ({ labels: o.labels, dropName: o.dropName }));
  }

  nextSeries(): StepData {
    const o = this.output[this.nextOut] as Held;
    this.output[this.nextOut++] = null;
    return o.data;
  }

  close(): void {
    for (const d of this.held) this.sc.pool.releaseStepData(d);
    this.held = [];
    for (const o of this.output) if (o) this.sc.pool.releaseStepData(o.data);
    this.output = [];
    this.base.close();
  }
}
