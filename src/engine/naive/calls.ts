/**
 * Function calls in the naive evaluator. Range-vector functions go to range-call.ts;
 * the rest evaluate their arguments over the whole grid and then apply the function
 * per series and step, as the corresponding funcX in promql/functions.go does through
 * rangeEval.
 */
import type { Call, Expr, VectorSelector } from '../parser/ast.ts';
import { PromQLError } from '../model/errors.ts';
import { dropMetricName } from '../model/labels.ts';
import { mergeSeriesWithSameLabelset } from '../kernels/name-dropping.ts';
import { valueKernels, roundToNearest, clampValue } from '../kernels/value-functions.ts';
import type { Grid } from './grid.ts';
import { stepTime } from './grid.ts';
import type { NaiveEvaluator } from './evaluator.ts';
import { evalRangeCall } from './range-call.ts';
import { evalVectorSelector } from './selectors.ts';
import { absentLabels } from '../kernels/absent-labels.ts';
import { evalLabelJoin, evalLabelReplace } from './label-functions.ts';
import { dateKernels as dateFunctions } from '../kernels/date-functions.ts';
import { evalHistogramFunction } from './histogram-functions.ts';
import { sortVector } from './sort.ts';
import { evalInfo } from './info.ts';
import type { NScalar, NSeries, NValue, NVector } from './values.ts';

function unwrap(e: Expr): Expr {
  while (e.type === 'ParenExpr') e = e.expr;
  return e;
}

const NATIVE_HISTOGRAM_ONLY = new Set([
  'histogram_count', 'histogram_sum', 'histogram_avg', 'histogram_stddev', 'histogram_stdvar',
]);

export function evalCall(ev: NaiveEvaluator, e: Call, g: Grid): NValue {
  const name = e.func.name;
  if ((name === 'timestamp' || name === 'start_timestamp') && unwrap(e.args[0]).type === 'VectorSelector') {
    return timestampOfSelector(ev, e, unwrap(e.args[0]) as VectorSelector, g);
  }
  for (let k = 0; k < e.args.length; k++) {
    const a = unwrap(e.args[k]);
    if (a.type === 'MatrixSelector' || a.type === 'SubqueryExpr') return evalRangeCall(ev, e, k, g);
  }
  switch (name) {
    case 'label_replace':
      return evalLabelReplace(ev, e, g);
    case 'label_join':
      return evalLabelJoin(ev, e, g);
    case 'info':
      return evalInfo(ev, e, g);
  }
  switch (name) {
    case 'time': {
      const out = ev.acc.newScalar(g.n, 'time()');
      for (let i = 0; i < g.n; i++) out.values[i] = stepTime(g, i) / 1000;
      return out;
    }
    case 'pi': {
      const out = ev.acc.newScalar(g.n, 'pi()');
      out.values.fill(Math.PI);
      return out;
    }
    case 'start':
    case 'end':
    case 'range':
    case 'step': {
      const out = ev.acc.newScalar(g.n, `${name}()`);
      const c = ev.ctx;
      const v = name === 'start' ? c.startMs / 1000 : name === 'end' ? c.endMs / 1000 : name === 'range' ? (c.endMs - c.startMs) / 1000 : c.startMs === c.endMs ? 0 : c.stepMs / 1000;
      out.values.fill(v);
      return out;
    }
  }
  const args: NValue[] = [];
  try {
    for (const a of e.args) args.push(a.type === 'StringLiteral' ? { kind: 'string', value: a.value } : ev.eval(a, g));
    const v = applyInstantFunction(ev, e, args, g);
    // Without delayed name removal the names are gone already, so outputs may collide
    // (rangeEval's per-step duplicate check).
    if (!ev.ctx.delayedNameRemoval && v.kind === 'vector') {
      v.series = mergeSeriesWithSameLabelset<NSeries>(v.series, (s) => ev.acc.releaseSeries(s));
    }
    return v;
  } finally {
    for (const a of args) ev.acc.releaseValue(a);
  }
}

function scalarArg(v: NValue | undefined, what: string): NScalar {
  if (!v || v.kind !== 'scalar') throw new RangeError(`${what}: expected a scalar argument`);
  return v;
}

function vectorArg(v: NValue | undefined, what: string): NVector {
  if (!v || v.kind !== 'vector') throw new RangeError(`${what}: expected a vector argument`);
  return v;
}

/** An output series with the input's labels marked for name removal (simpleFloatFunc). */
function droppedNameSeries(ev: NaiveEvaluator, s: NSeries, g: Grid, what: string): NSeries {
  const labels = ev.ctx.delayedNameRemoval ? s.labels : dropMetricName(s.labels);
  return ev.acc.newSeries(labels, true, g.n, what);
}

function finishSeries(ev: NaiveEvaluator, out: NSeries[], o: NSeries): void {
  ev.acc.sealSeries(o);
  if (o.samples === 0) ev.acc.releaseSeries(o);
  else out.push(o);
}

/**
 * A function applied to every sample of a vector (`f(value, step)`), each output series
 * marked for name removal; series left without samples are dropped.
 */
function mapVectorValues(ev: NaiveEvaluator, v: NVector, g: Grid, name: string, f: (value: number, step: number) => number): NVector {
  const out: NSeries[] = [];
  for (const s of v.series) {
    const o = droppedNameSeries(ev, s, g, name);
    for (let i = 0; i < g.n; i++) {
      if (s.present[i] === 0) continue;
      o.present[i] = 1;
      o.values[i] = f(s.values[i], i);
    }
    finishSeries(ev, out, o);
  }
  return { kind: 'vector', series: out };
}

function applyInstantFunction(ev: NaiveEvaluator, e: Call, args: NValue[], g: Grid): NValue {
  const name = e.func.name;
  switch (name) {
    case 'vector': {
      const sc = scalarArg(args[0], name);
      const s = ev.acc.newSeries([], false, g.n, 'vector()');
      s.values.set(sc.values);
      s.present.fill(1);
      ev.acc.sealSeries(s);
      return { kind: 'vector', series: g.n === 0 ? [] : [s] };
    }
    case 'scalar': {
      const v = vectorArg(args[0], name);
      const out = ev.acc.newScalar(g.n, 'scalar()');
      for (let i = 0; i < g.n; i++) {
        let found = 0;
        let value = NaN;
        for (const s of v.series) {
          if (s.present[i] === 0) continue;
          found++;
          value = s.values[i];
          if (found > 1) break;
        }
        out.values[i] = found === 1 ? value : NaN;
      }
      return out;
    }
    case 'min_of':
    case 'max_of': {
      const a = scalarArg(args[0], name);
      const b = scalarArg(args[1], name);
      const out = ev.acc.newScalar(g.n, `${name}()`);
      for (let i = 0; i < g.n; i++) {
        const x = a.values[i];
        const y = b.values[i];
        out.values[i] = Number.isNaN(x) || Number.isNaN(y) ? NaN : name === 'max_of' ? Math.max(x, y) : Math.min(x, y);
      }
      return out;
    }
    case 'timestamp': {
      // A non-selector argument: every sample's time is its step.
      const v = vectorArg(args[0], name);
      const out: NSeries[] = [];
      for (const s of v.series) {
        const o = droppedNameSeries(ev, s, g, 'timestamp()');
        for (let i = 0; i < g.n; i++) {
          if (s.present[i] === 0) continue;
          o.present[i] = 1;
          o.values[i] = stepTime(g, i) / 1000;
        }
        finishSeries(ev, out, o);
      }
      return { kind: 'vector', series: out };
    }
    case 'start_timestamp':
      return { kind: 'vector', series: [] };
    case 'absent': {
      const v = vectorArg(args[0], name);
      const s = ev.acc.newSeries(absentLabels(e.args[0]), false, g.n, 'absent()');
      for (let i = 0; i < g.n; i++) {
        let any = false;
        for (const x of v.series) if (x.present[i] !== 0) { any = true; break; }
        if (!any) {
          s.present[i] = 1;
          s.values[i] = 1;
        }
      }
      const out: NSeries[] = [];
      finishSeries(ev, out, s);
      return { kind: 'vector', series: out };
    }
    case 'sort':
    case 'sort_desc':
    case 'sort_by_label':
    case 'sort_by_label_desc': {
      const v = vectorArg(args[0], name);
      // Prometheus merges a call's own annotations after its arguments', so with nested
      // sorts the outer call's position is the one that survives.
      if (g.startMs !== g.endMs) ev.ctx.annotations.warn('sort is ineffective for range queries since results are always ordered by labels', e.range);
      const labelNames = args.slice(1).map((a) => (a.kind === 'string' ? a.value : ''));
      return copyVector(ev, sortVector(v, name, labelNames, g), g, name);
    }
    case 'clamp':
    case 'clamp_min':
    case 'clamp_max': {
      const v = vectorArg(args[0], name);
      const lo = name === 'clamp' || name === 'clamp_min' ? scalarArg(args[1], name).values : null;
      const hi = name === 'clamp' ? scalarArg(args[2], name).values : name === 'clamp_max' ? scalarArg(args[1], name).values : null;
      const out: NSeries[] = [];
      for (const s of v.series) {
        const o = droppedNameSeries(ev, s, g, name);
        for (let i = 0; i < g.n; i++) {
          if (s.present[i] === 0) continue;
          const min = lo ? lo[i] : -Infinity;
          const max = hi ? hi[i] : Infinity;
          if (max < min) continue;
          o.present[i] = 1;
          o.values[i] = clampValue(s.values[i], min, max);
        }
        finishSeries(ev, out, o);
      }
      return { kind: 'vector', series: out };
    }
    case 'round': {
      const v = vectorArg(args[0], name);
      const to = args.length > 1 ? scalarArg(args[1], name).values : null;
      return mapVectorValues(ev, v, g, name, (x, i) => roundToNearest(x, to ? to[i] : 1));
    }
    case 'histogram_quantile':
    case 'histogram_fraction':
    case 'histogram_quantiles':
      return evalHistogramFunction(ev, e, args, g);
  }
  if (NATIVE_HISTOGRAM_ONLY.has(name)) return { kind: 'vector', series: [] };
  const date = dateFunctions[name];
  if (date) {
    if (args.length === 0) {
      const s = ev.acc.newSeries([], false, g.n, `${name}()`);
      for (let i = 0; i < g.n; i++) {
        s.present[i] = 1;
        s.values[i] = date(Math.trunc(stepTime(g, i) / 1000));
      }
      const out: NSeries[] = [];
      finishSeries(ev, out, s);
      return { kind: 'vector', series: out };
    }
    return mapVectorValues(ev, vectorArg(args[0], name), g, name, (x) => date(x));
  }
  const kernel = valueKernels[name];
  if (kernel) return mapVectorValues(ev, vectorArg(args[0], name), g, name, (x) => kernel(x));
  throw new PromQLError('unsupported', 'unknown_function', `function ${name} is not supported by the naive evaluator yet`);
}

/** Copies the (reordered) series of an argument into new output series. */
function copyVector(ev: NaiveEvaluator, series: NSeries[], g: Grid, what: string): NVector {
  const out: NSeries[] = [];
  for (const s of series) {
    const o = ev.acc.newSeries(s.labels, s.dropName, g.n, what);
    o.values.set(s.values);
    o.present.set(s.present);
    finishSeries(ev, out, o);
  }
  return { kind: 'vector', series: out };
}

/**
 * timestamp(selector): the time of the sample each step picked, not the step time;
 * start_timestamp(selector): that sample's start timestamp (0 when it has none; no
 * result at all when the query does not use start timestamps), both in seconds.
 * Mirrors rangeEvalTimestampFunctionOverVectorSelector, including its `@` case, which
 * looks the sample up at exactly the `@` time, and funcTimestamp/funcStartTimestamp.
 */
function timestampOfSelector(ev: NaiveEvaluator, e: Call, vs: VectorSelector, g: Grid): NVector {
  const isStart = e.func.name === 'start_timestamp';
  const useST = isStart && ev.ctx.useStartTimestamps !== false;
  const { vector, sampleTimes, sampleSTs } = evalVectorSelector(ev, vs, g, true, true, useST);
  const out: NSeries[] = [];
  // Prometheus reads the selector one sample at a time here instead of materializing it.
  for (const s of vector.series) {
    ev.acc.dropSamples(s.samples);
    s.samples = 0;
  }
  const transient = vector.series.length > 0 ? 1 : 0;
  ev.acc.holdSamples(transient);
  try {
    if (isStart && !useST) return { kind: 'vector', series: [] };
    for (let k = 0; k < vector.series.length; k++) {
      const s = vector.series[k];
      const o = droppedNameSeries(ev, s, g, isStart ? 'start_timestamp()' : 'timestamp()');
      const times = isStart ? sampleSTs[k] : sampleTimes[k];
      for (let i = 0; i < g.n; i++) {
        if (s.present[i] === 0) continue;
        o.present[i] = 1;
        // An unknown start timestamp is upstream's 0.
        const x = times[i];
        o.values[i] = (x === x ? x : 0) / 1000;
      }
      finishSeries(ev, out, o);
    }
    return { kind: 'vector', series: out };
  } finally {
    ev.acc.dropSamples(transient);
    ev.acc.releaseValue(vector);
  }
}


