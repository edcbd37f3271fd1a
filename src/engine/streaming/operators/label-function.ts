/**
 * label_replace and label_join (mirrors evalLabelReplace / evalLabelJoin,
 * promql/functions.go; the label maths is kernels/label-functions.ts).
 *
 * Contract: argument checks happen at planning (the compiled replacer throws
 * Prometheus's errors before the input is evaluated, as upstream does). seriesMetadata()
 * rewrites each input series' labels (setting `__name__` clears the pending name drop);
 * nextSeries() passes the input's StepData through untouched (caller owns it). Series
 * that end up with one label set are merged by the DeduplicateAndMerge operator the
 * planner puts on top (mergeSeriesWithSameLabelset upstream).
 */
import { METRIC_NAME, type Labels } from '../../model/labels.ts';
import type { InstantVectorOperator, SeriesMeta, StepData } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';

export interface LabelRewriter {
  readonly dst: string;
  apply(labels: Labels): Labels;
}

export class LabelFunctionOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  readonly grid: StepGrid;
  private inputMeta: SeriesMeta[] = [];
  private outputMeta: SeriesMeta[] = [];
  private next = 0;
  constructor(private readonly inner: InstantVectorOperator, private readonly rewriter: LabelRewriter) {
    this.grid = inner.grid;
  }

  seriesMetadata(): SeriesMeta[] {
    const meta = this.inner.seriesMetadata();
    this.inputMeta = meta;
    const out: SeriesMeta[] = new Array(meta.length);
    for (let i = 0; i < meta.length; i++) {
      const labels = this.rewriter.apply(meta[i].labels);
      if (labels === meta[i].labels) out[i] = meta[i];
      else out[i] = { labels, dropName: this.rewriter.dst === METRIC_NAME ? false : meta[i].dropName };
    }
    this.outputMeta = out;
    return out;
  }

  nextSeries(): StepData {
    const i = this.next++;
    const d = this.inner.nextSeries();
    // The input's mark is final now; forward it unless `__name__` itself was rewritten.
    const o = this.outputMeta[i];
    if (o !== this.inputMeta[i] && this.rewriter.dst !== METRIC_NAME) o.dropName = this.inputMeta[i].dropName;
    return d;
  }

  close(): void {
    this.inner.close();
  }
}
