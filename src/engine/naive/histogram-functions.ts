/**
 * histogram_quantile / histogram_fraction over classic `le` buckets in the naive
 * evaluator: per step, the present bucket series are grouped by their labels without
 * `le` and the shared kernels compute each group's value. Mirrors funcHistogramQuantile,
 * funcHistogramFraction and EvalNodeHelper.resetHistograms, promql/functions.go and
 * engine.go (native histograms are not stored, so the mixed-histogram paths never run).
 */
import type { Call } from '../parser/ast.ts';
import type { Labels } from '../model/labels.ts';
import { LabelsBuilder, METRIC_NAME, getLabel, labelsKey, dropMetricName } from '../model/labels.ts';
import { OutputCollector } from './output-collector.ts';
import { goQuote } from '../model/strings.ts';
import {
  ForcedMonotonicityTracker,
  bucketFraction,
  bucketQuantile,
  newBucketQuantileInfo,
  parseBucketBound,
} from '../kernels/histogram-quantile.ts';
import { formatOpenMetricsFloat, goFormatG } from '../kernels/go-format.ts';
import type { Grid } from './grid.ts';
import { stepTime } from './grid.ts';
import type { NaiveEvaluator } from './evaluator.ts';
import type { NSeries, NValue, NVector } from './values.ts';

interface BucketGroup {
  labels: Labels;
  members: number[];
  out: NSeries | null;
}

export function evalHistogramFunction(ev: NaiveEvaluator, e: Call, args: NValue[], g: Grid): NVector {
  const name = e.func.name;
  const multi = name === 'histogram_quantiles';
  const isQuantile = name === 'histogram_quantile' || multi;
  const vecIndex = multi ? 0 : isQuantile ? 1 : 2;
  const vec = args[vecIndex];
  if (vec.kind !== 'vector') throw new RangeError(`${name}: expected a vector argument`);
  const scalarArgs = multi ? args.slice(2) : args.slice(0, vecIndex);
  const scalarExprs = multi ? e.args.slice(2) : e.args.slice(0, vecIndex);
  const scalars = scalarArgs.map((a) => {
    if (a.kind !== 'scalar') throw new RangeError(`${name}: expected a scalar argument`);
    return a.values;
  });
  const quantileLabel = multi && args[1].kind === 'string' ? args[1].value : '';
  const histArg = e.args[vecIndex];
  const collector = multi ? new OutputCollector(ev, g.n, `${name} output`) : null;
  const delayed = ev.ctx.delayedNameRemoval;

  // Group the bucket series once: labels do not change over time.
  const bounds = new Float64Array(vec.series.length);
  const groups: BucketGroup[] = [];
  const byKey = new Map<string, BucketGroup>();
  const warnedBad = new Set<number>();
  for (let k = 0; k < vec.series.length; k++) {
    const s = vec.series[k];
    const le = getLabel(s.labels, 'le');
    const b = parseBucketBound(le);
    if (b === undefined) {
      bounds[k] = NaN;
      warnedBad.add(k);
      continue;
    }
    bounds[k] = b;
    const labels = s.labels.filter((l) => l.name !== 'le');
    const key = labelsKey(labels);
    let grp = byKey.get(key);
    if (!grp) {
      grp = { labels, members: [], out: null };
      byKey.set(key, grp);
      groups.push(grp);
    }
    grp.members.push(k);
  }
  for (const k of warnedBad) {
    const s = vec.series[k];
    const metric = delayed ? getLabel(s.labels, METRIC_NAME) : '';
    let msg = `bucket label "le" is missing or has a malformed value of ${goQuote(getLabel(s.labels, 'le'))}`;
    if (metric !== '') msg += ` for metric name ${goQuote(metric)}`;
    ev.ctx.annotations.warn(msg, histArg.range);
  }

  const maxMembers = groups.reduce((m, grp) => Math.max(m, grp.members.length), 0);
  const upper = new Float64Array(maxMembers);
  const counts = new Float64Array(maxMembers);
  const info = newBucketQuantileInfo();
  const trackers = new Map<string, ForcedMonotonicityTracker>();
  for (let i = 0; i < g.n; i++) {
    if (isQuantile) {
      for (let k = 0; k < scalars.length; k++) {
        const q = scalars[k][i];
        if (Number.isNaN(q) || q < 0 || q > 1) ev.ctx.annotations.warn(`quantile value should be between 0 and 1, got ${goFormatG(q)}`, scalarExprs[k].range);
      }
    }
    let anyInput = false;
    for (const s of vec.series) if (s.present[i] !== 0) { anyInput = true; break; }
    if (!anyInput) continue;
    for (let qi = 0; qi < (multi ? scalars.length : 1); qi++) for (const grp of groups) {
      let n = 0;
      for (const k of grp.members) {
        const s = vec.series[k];
        if (s.present[i] === 0) continue;
        upper[n] = bounds[k];
        counts[n] = s.values[i];
        n++;
      }
      if (n === 0) continue;
      let v: number;
      if (isQuantile) {
        v = bucketQuantile(scalars[qi][i], upper, counts, n, info);
        if (info.forcedMonotonicity) {
          const metric = delayed ? getLabel(grp.labels, METRIC_NAME) : '';
          let t = trackers.get(metric);
          if (!t) trackers.set(metric, (t = new ForcedMonotonicityTracker()));
          t.add(stepTime(g, i), info);
        }
      } else {
        v = bucketFraction(scalars[0][i], scalars[1][i], upper, counts, n);
      }
      if (collector) {
        const labels = new LabelsBuilder(grp.labels).set(quantileLabel, formatOpenMetricsFloat(scalars[qi][i])).build();
        collector.put(collector.get(delayed ? labels : dropMetricName(labels), true), i, v);
        continue;
      }
      if (!grp.out) grp.out = ev.acc.newSeries(delayed ? grp.labels : dropMetricName(grp.labels), true, g.n, `${name} output`);
      grp.out.present[i] = 1;
      grp.out.values[i] = v;
    }
  }
  if (trackers.size > 0) {
    for (const [metric, t] of trackers) {
      const text = t.message('', metric).replace(/ \(\)$/, '');
      ev.ctx.annotations.info(text, histArg.range);
    }
  }
  if (collector) return collector.finish();
  const out: NSeries[] = [];
  for (const grp of groups) {
    if (!grp.out) continue;
    ev.acc.sealSeries(grp.out);
    out.push(grp.out);
  }
  return { kind: 'vector', series: out };
}
