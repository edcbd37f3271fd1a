/**
 * count_values("label", v) (mirrors aggregationCountValues and its label check in eval,
 * promql/engine.go; value formatting and label validity from
 * kernels/aggregation-count-values.ts).
 *
 * BUFFERS: the output label sets depend on the values, so seriesMetadata() drains the
 * input, one series at a time (each released at once), into one count series per
 * (group, value) — memory is the output, never the input. nextSeries() hands the counts
 * over (caller owns them), in the order a step-by-step scan creates them (as upstream).
 */
import type { AggregateExpr, StringLiteral } from '../../parser/ast.ts';
import { PromQLError } from '../../model/errors.ts';
import { LabelsBuilder, labelsKey, type Labels } from '../../model/labels.ts';
import { goQuote } from '../../model/strings.ts';
import { formatFloatPlain, isValidLabelName } from '../../kernels/aggregation-count-values.ts';
import type { InstantVectorOperator, SeriesMeta, StepData } from '../operator.ts';
import { Grouping } from '../grouping.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';

export class CountValuesOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  readonly grid: StepGrid;
  /** `firstStep`/`firstSeries`: where a step-major scan (rangeEval's order) meets it first. */
  private output: { labels: Labels; data: StepData | null; firstStep: number; firstSeries: number }[] = [];
  private nextOut = 0;

  constructor(private readonly sc: StreamingContext, private readonly node: AggregateExpr, private readonly inner: InstantVectorOperator) {
    this.grid = inner.grid;
  }

  seriesMetadata(): SeriesMeta[] {
    const valueLabel = (this.node.param as StringLiteral).value;
    if (!isValidLabelName(valueLabel)) throw new PromQLError('eval', 'invalid_label_name', `invalid label name ${goQuote(valueLabel)}`);
    const names = this.node.without ? this.node.grouping : [...this.node.grouping, valueLabel];
    const grouping = new Grouping(names, this.node.without);
    const meta = this.inner.seriesMetadata();
    const n = this.grid.stepCount;
    const byKey = new Map<string, number>();
    // An output's labels depend only on the series' labels outside the value label (as
    // grouped) and on the value: series of one such base share a map from value to output,
    // so a value seen before costs one lookup instead of formatting it and building labels.
    const byBase = new Map<string, ValueOutputs>();
    for (let s = 0; s < meta.length; s++) {
      const d = this.inner.nextSeries();
      try {
        const baseKey = labelsKey(grouping.labels(new LabelsBuilder(meta[s].labels).delete(valueLabel).build()));
        let known = byBase.get(baseKey);
        if (known === undefined) byBase.set(baseKey, (known = { byValue: new Map(), negativeZero: -1 }));
        let lastValue = NaN;
        let lastIndex = -1;
        for (let i = 0; i < n; i++) {
          if (d.present[i] === 0) continue;
          const f = d.values[i];
          // Consecutive equal values share their output series (no lookup).
          if (lastIndex < 0 || !Object.is(f, lastValue)) {
            // Map keys compare -0 equal to 0, but they format differently ("-0").
            const isNegZero = Object.is(f, -0);
            let o = isNegZero ? known.negativeZero : (known.byValue.get(f) ?? -1);
            if (o < 0) {
              const labels = grouping.labels(new LabelsBuilder(meta[s].labels).set(valueLabel, formatFloatPlain(f)).build());
              const key = labelsKey(labels);
              o = byKey.get(key) ?? -1;
              if (o < 0) {
                o = this.output.length;
                byKey.set(key, o);
                this.output.push({ labels, data: this.sc.pool.acquireStepData(n, 'count_values output'), firstStep: i, firstSeries: s });
              }
              if (isNegZero) known.negativeZero = o;
              else known.byValue.set(f, o);
            }
            lastIndex = o;
            lastValue = f;
          }
          const entry = this.output[lastIndex];
          if (i < entry.firstStep) {
            entry.firstStep = i;
            entry.firstSeries = s;
          }
          const out = entry.data as StepData;
          if (out.present[i] === 0) {
            out.present[i] = 1;
            out.values[i] = 1;
          } else out.values[i]++;
        }
      } finally {
        this.sc.pool.releaseStepData(d);
      }
    }
    // Step-major creation order, as upstream's rangeEval (observable through topk/limitk ties).
    this.output.sort((a, b) => a.firstStep - b.firstStep || a.firstSeries - b.firstSeries);
    return this.output.map((o) => ({ labels: o.labels, dropName: false }));
  }

  nextSeries(): StepData {
    const o = this.output[this.nextOut++];
    const d = o.data as StepData;
    o.data = null;
    return d;
  }

  close(): void {
    for (const o of this.output) if (o.data) this.sc.pool.releaseStepData(o.data);
    this.output = [];
    this.inner.close();
  }
}

/** The outputs that one base label set's values went to (see seriesMetadata). */
interface ValueOutputs {
  readonly byValue: Map<number, number>;
  negativeZero: number;
}
