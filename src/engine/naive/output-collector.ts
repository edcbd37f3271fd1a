/**
 * Collects a node's output samples step by step into one series per label set, like
 * the `seriess` map of rangeEval (promql/engine.go): a label set seen twice at the same
 * step is "vector cannot contain metrics with the same labelset".
 */
import type { Labels } from '../model/labels.ts';
import { labelsKey } from '../model/labels.ts';
import { sameLabelsetError } from '../kernels/name-dropping.ts';
import type { NaiveEvaluator } from './evaluator.ts';
import type { NSeries, NVector } from './values.ts';

export class OutputCollector {
  private readonly byKey = new Map<string, NSeries>();
  private readonly started = new Set<NSeries>();
  readonly series: NSeries[] = [];

  constructor(private readonly ev: NaiveEvaluator, private readonly n: number, private readonly what: string) {}

  /** The output series for `labels` (created on first use with `dropName`), or the one a previous call returned for `key`. */
  get(labels: Labels, dropName: boolean, key: string = labelsKey(labels)): NSeries {
    let s = this.byKey.get(key);
    if (!s) {
      s = this.ev.acc.newSeries(labels, dropName, this.n, this.what);
      this.byKey.set(key, s);
      this.series.push(s);
    }
    return s;
  }

  /**
   * Sets the value of series `s` at step `i`; throws on a second value at the same step.
   * The first sample put decides the series' pending name drop (`dropName`, when given),
   * as the first sample inserted into rangeEval's output map does.
   */
  put(s: NSeries, i: number, v: number, dropName?: boolean): void {
    if (s.present[i] !== 0) throw sameLabelsetError();
    if (dropName !== undefined && !this.started.has(s)) {
      this.started.add(s);
      s.dropName = dropName;
    }
    s.present[i] = 1;
    s.values[i] = v;
  }

  /**
   * The collected vector (series without any point are released and left out). With
   * `seal` false the caller counts the samples later (sealSeries), e.g. after releasing
   * the inputs, as Prometheus counts aggregation results.
   */
  finish(seal = true): NVector {
    const out: NSeries[] = [];
    for (const s of this.series) {
      let any = false;
      for (let i = 0; i < s.present.length; i++) if (s.present[i] !== 0) { any = true; break; }
      if (!any) {
        this.ev.acc.releaseSeries(s);
        continue;
      }
      if (seal) this.ev.acc.sealSeries(s);
      out.push(s);
    }
    return { kind: 'vector', series: out };
  }
}
