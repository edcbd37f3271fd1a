/**
 * Aggregations in the naive evaluator: the input vector and the parameter are evaluated
 * over the whole grid, series are mapped to groups once (labels do not change over
 * time), then the shared kernels fold them step by step in input order, as
 * rangeEvalAgg / aggregation / aggregationK / aggregationCountValues in
 * promql/engine.go do.
 */
import type { AggregateExpr, StringLiteral } from '../parser/ast.ts';
import type { Labels } from '../model/labels.ts';
import { METRIC_NAME, keepLabels, labelsKey, LabelsBuilder } from '../model/labels.ts';
import { PromQLError } from '../model/errors.ts';
import { goQuote } from '../model/strings.ts';
import { FloatAggregator, isSimpleAggregateOp } from '../kernels/aggregation.ts';
import type { SimpleAggregateOp } from '../kernels/aggregation.ts';
import { KSelector } from '../kernels/aggregation-k.ts';
import { keepByRatio, ratioSampleOffset } from '../kernels/aggregation-ratio-sampler.ts';
import { formatFloatPlain } from '../kernels/aggregation-count-values.ts';
import { isValidLabelNameUtf8 as isValidLabelName } from '../kernels/label-functions.ts';
import { goFormatG } from '../kernels/go-format.ts';
import type { Grid } from './grid.ts';
import type { NaiveEvaluator } from './evaluator.ts';
import { OutputCollector } from './output-collector.ts';
import type { NSeries, NValue, NVector } from './values.ts';
import { countPresent } from './values.ts';

/** The output labels of a group (generateGroupingLabels). */
export function groupingLabels(labels: Labels, grouping: ReadonlySet<string>, without: boolean): Labels {
  if (without) {
    return labels.filter((l) => !grouping.has(l.name) && l.name !== METRIC_NAME);
  }
  if (grouping.size === 0) return [];
  return keepLabels(labels, grouping);
}

/** Summary of a parameter over all steps, as fParams (promql/value.go). */
interface ParamInfo {
  values: Float64Array;
  min: number;
  max: number;
  hasNaN: boolean;
}

function paramInfo(ev: NaiveEvaluator, e: AggregateExpr, g: Grid): { info: ParamInfo; held: NValue | null } {
  const param = e.param;
  const values = new Float64Array(g.n);
  if (param === null) return { info: { values, min: 0, max: 0, hasNaN: false }, held: null };
  const v = ev.eval(param, g);
  if (v.kind !== 'scalar') {
    ev.acc.releaseValue(v);
    throw new RangeError(`aggregation parameter evaluated to ${v.kind}`);
  }
  if (g.n === 0) return { info: { values: v.values, min: 0, max: 0, hasNaN: false }, held: v };
  let min = Number.MAX_VALUE;
  let max = -Number.MAX_VALUE;
  let hasNaN = false;
  for (let i = 0; i < g.n; i++) {
    const x = v.values[i];
    // Go's math.Max/Min propagate NaN.
    max = Number.isNaN(max) || Number.isNaN(x) ? NaN : Math.max(max, x);
    min = Number.isNaN(min) || Number.isNaN(x) ? NaN : Math.min(min, x);
    if (Number.isNaN(x)) hasNaN = true;
  }
  return { info: { values: v.values, min, max, hasNaN }, held: v };
}

export function evalAggregate(ev: NaiveEvaluator, e: AggregateExpr, g: Grid): NVector {
  if (e.op === 'count_values') return countValues(ev, e, g);
  const { info, held } = paramInfo(ev, e, g);
  let input: NValue | null = null;
  let result: NVector;
  try {
    input = ev.eval(e.expr, g);
    if (input.kind !== 'vector') throw new RangeError(`aggregation over ${input.kind}`);
    const grouping = new Set(e.grouping);
    result = isSimpleAggregateOp(e.op) ? simpleAggregation(ev, e, input, grouping, info, g) : selectionAggregation(ev, e, input, grouping, info, g);
  } finally {
    if (input) ev.acc.releaseValue(input);
    if (held) ev.acc.releaseValue(held);
  }
  // Prometheus counts an aggregation's result only once its input is dropped.
  for (const s of result.series) ev.acc.sealSeries(s);
  return result;
}

function simpleAggregation(ev: NaiveEvaluator, e: AggregateExpr, input: NVector, grouping: Set<string>, p: ParamInfo, g: Grid): NVector {
  if (e.op === 'quantile') {
    const range = e.param!.range;
    if (p.hasNaN) ev.ctx.annotations.warn(`quantile value should be between 0 and 1, got ${goFormatG(NaN)}`, range);
    if (p.max > 1) ev.ctx.annotations.warn(`quantile value should be between 0 and 1, got ${goFormatG(p.max)}`, range);
    if (p.min < 0) ev.ctx.annotations.warn(`quantile value should be between 0 and 1, got ${goFormatG(p.min)}`, range);
  }
  const op = e.op as SimpleAggregateOp;
  const groups = new Map<string, { labels: Labels; agg: FloatAggregator }>();
  const order: { labels: Labels; agg: FloatAggregator }[] = [];
  let heldBytes = 0;
  try {
    for (const s of input.series) {
      const gl = groupingLabels(s.labels, grouping, e.without);
      const key = labelsKey(gl);
      let grp = groups.get(key);
      if (!grp) {
        const agg = new FloatAggregator(op, g.n);
        ev.acc.acquire(agg.bytes, `${e.op} group state`);
        heldBytes += agg.bytes;
        grp = { labels: gl, agg };
        groups.set(key, grp);
        order.push(grp);
      }
      grp.agg.addSeries(s.values, s.present, s.dropName);
    }
    const out: NSeries[] = [];
    for (const grp of order) {
      const s = ev.acc.newSeries(grp.labels, grp.agg.dropName, g.n, `${e.op} output`);
      grp.agg.finish(s.values, s.present, p.values);
      if (countPresent(s.present) === 0) ev.acc.releaseSeries(s);
      else out.push(s);
    }
    return { kind: 'vector', series: out };
  } finally {
    ev.acc.release(heldBytes);
  }
}

const MIN_INT64 = -9223372036854775808;
const MAX_INT64 = 9223372036854775807;

function selectionAggregation(ev: NaiveEvaluator, e: AggregateExpr, input: NVector, grouping: Set<string>, p: ParamInfo, g: Grid): NVector {
  const empty: NVector = { kind: 'vector', series: [] };
  if (e.op === 'limit_ratio') {
    if (p.max === 0 && p.min === 0) return empty;
    if (p.hasNaN) throw new PromQLError('eval', 'ratio_nan', 'Ratio value is NaN');
    const range = e.param!.range;
    if (p.max > 1) ev.ctx.annotations.warn(`ratio value should be between -1 and 1, got ${goFormatG(p.max)}, capping to ${goFormatG(1)}`, range);
    if (p.min < -1) ev.ctx.annotations.warn(`ratio value should be between -1 and 1, got ${goFormatG(p.min)}, capping to ${goFormatG(-1)}`, range);
  } else {
    if (p.max < 1) return empty;
    if (p.hasNaN) throw new PromQLError('eval', 'param_nan', 'Parameter value is NaN');
    if (p.min <= MIN_INT64) throw new PromQLError('eval', 'param_underflow', `Scalar value ${goFormatG(p.min)} underflows int64`);
    if (p.max >= MAX_INT64) throw new PromQLError('eval', 'param_overflow', `Scalar value ${goFormatG(p.max)} overflows int64`);
  }
  // Groups in order of first appearance; each group lists its input series in input order.
  const groupIndex = new Map<string, number>();
  const members: number[][] = [];
  for (let k = 0; k < input.series.length; k++) {
    const key = labelsKey(groupingLabels(input.series[k].labels, grouping, e.without));
    let gi = groupIndex.get(key);
    if (gi === undefined) {
      gi = members.length;
      groupIndex.set(key, gi);
      members.push([]);
    }
    members[gi].push(k);
  }
  const out = new OutputCollector(ev, g.n, `${e.op} output`);
  const outSeries = input.series.map((s) => out.get(s.labels, s.dropName));
  if (e.op === 'limit_ratio') {
    const offsets = input.series.map((s) => ratioSampleOffset(s.labels));
    for (let i = 0; i < g.n; i++) {
      const f = p.values[i];
      if (f === 0) continue;
      const r = f < -1 ? -1 : f > 1 ? 1 : f;
      for (let k = 0; k < input.series.length; k++) {
        const s = input.series[k];
        if (s.present[i] !== 0 && keepByRatio(r, offsets[k])) out.put(outSeries[k], i, s.values[i], s.dropName);
      }
    }
    return out.finish(false);
  }
  const selector = new KSelector(e.op as 'topk' | 'bottomk' | 'limitk');
  const order: number[] = [];
  for (let i = 0; i < g.n; i++) {
    const k = Math.min(Math.trunc(p.values[i]), input.series.length);
    if (!(k >= 1)) continue;
    for (const m of members) {
      selector.begin(k);
      for (const si of m) {
        const s = input.series[si];
        if (s.present[i] === 0) continue;
        selector.offer(si, s.values[i]);
        if (e.op === 'limitk' && selector.full) break;
      }
      if (selector.size === 0) continue;
      for (const si of selector.result()) {
        out.put(outSeries[si], i, input.series[si].values[i], input.series[si].dropName);
        if (g.n === 1) order.push(si);
      }
    }
  }
  const res = out.finish(false);
  if (g.n === 1) {
    // An instant result keeps the selection order (groups in order, each sorted).
    const byLabels = new Map(res.series.map((s) => [s, true] as const));
    const ordered: NSeries[] = [];
    for (const si of order) {
      const s = outSeries[si];
      if (byLabels.has(s)) ordered.push(s);
    }
    res.series = ordered;
  }
  return res;
}

/** Mirrors aggregationCountValues and its checks in eval, promql/engine.go. */
function countValues(ev: NaiveEvaluator, e: AggregateExpr, g: Grid): NVector {
  const valueLabel = (e.param as StringLiteral).value;
  if (!isValidLabelName(valueLabel)) throw new PromQLError('eval', 'invalid_label_name', `invalid label name ${goQuote(valueLabel)}`);
  const grouping = new Set(e.grouping);
  if (!e.without) grouping.add(valueLabel);
  const input = ev.eval(e.expr, g);
  try {
    if (input.kind !== 'vector') throw new RangeError(`count_values over ${input.kind}`);
    const out = new OutputCollector(ev, g.n, 'count_values output');
    for (let i = 0; i < g.n; i++) {
      for (const s of input.series) {
        if (s.present[i] === 0) continue;
        const labels = new LabelsBuilder(s.labels).set(valueLabel, formatFloatPlain(s.values[i])).build();
        const gl = groupingLabels(labels, grouping, e.without);
        const o = out.get(gl, false);
        if (o.present[i] === 0) {
          o.present[i] = 1;
          o.values[i] = 1;
        } else o.values[i]++;
      }
    }
    return out.finish();
  } finally {
    ev.acc.releaseValue(input);
  }
}

