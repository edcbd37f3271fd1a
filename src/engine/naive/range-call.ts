/**
 * Functions over a range vector (`rate(x[5m])`, `max_over_time(expr[1h:5m])`, …) in the
 * naive evaluator: the whole range argument is materialized first (a selector's samples
 * for all steps, or a subquery's result on its own grid); then, per series and step, the
 * left-open window `(t − offset − range, t − offset]` is found by two moving indices and
 * handed to the shared range kernel. Mirrors the matrix-argument branch of the Call case
 * of eval, promql/engine.go.
 *
 * Start timestamps: rate, irate, increase and resets over a matrix selector get the
 * samples' start timestamps (`RangeWindow.st`) when the query uses them; subqueries carry
 * none. With `anchored`/`smoothed` only resets uses them (extendedRate ignores ST).
 */
import type { Call, Expr, MatrixSelector, SubqueryExpr } from '../parser/ast.ts';
import { METRIC_NAME, getLabel, dropMetricName } from '../model/labels.ts';
import { PromQLError } from '../model/errors.ts';
import { goQuote } from '../model/strings.ts';
import { rangeKernels } from '../kernels/range-functions.ts';
import type { RangeWindow } from '../kernels/types.ts';
import { goFormatG } from '../kernels/go-format.ts';
import { START_TIME_OVERLAP_FUNCTIONS, START_TIMESTAMP_FUNCTIONS, windowHasStartTimeOverlap } from '../kernels/start-timestamps.ts';
import type { Grid } from './grid.ts';
import { stepTime } from './grid.ts';
import type { NaiveEvaluator } from './evaluator.ts';
import { loadRangeSeries } from './selectors.ts';
import { evalSubqueryAsRange } from './subquery.ts';
import { absentLabels } from '../kernels/absent-labels.ts';
import { ANCHORED_SAFE_FUNCTIONS, SMOOTHED_SAFE_FUNCTIONS, anchoredRangeKernels, extendedModifierErrorMessage, smoothedRangeKernels } from '../kernels/extended-range.ts';
import type { MSeries, NSeries, NValue, NVector } from './values.ts';


/** The range argument, materialized, with the window geometry it implies. */
interface RangeInput {
  series: MSeries[];
  rangeMs: number;
  offsetMs: number;
  timestampMs: number | null;
  anchored: boolean;
  smoothed: boolean;
}

function unwrap(e: Expr): Expr {
  while (e.type === 'ParenExpr') e = e.expr;
  return e;
}

function loadRangeInput(ev: NaiveEvaluator, name: string, arg: MatrixSelector | SubqueryExpr, g: Grid): RangeInput {
  if (arg.type === 'MatrixSelector') {
    const vs = arg.vectorSelector;
    const withST = ev.ctx.useStartTimestamps !== false && START_TIMESTAMP_FUNCTIONS.includes(name) && !vs.smoothed;
    return {
      series: loadRangeSeries(ev, arg, g, false, withST),
      rangeMs: arg.rangeMs,
      offsetMs: vs.offsetMs,
      timestampMs: vs.timestampMs,
      anchored: vs.anchored,
      smoothed: vs.smoothed,
    };
  }
  return { series: evalSubqueryAsRange(ev, arg, g), rangeMs: arg.rangeMs, offsetMs: arg.offsetMs, timestampMs: arg.timestampMs, anchored: false, smoothed: false };
}

/** Evaluates a call whose argument `matrixIndex` is a range vector. */
export function evalRangeCall(ev: NaiveEvaluator, e: Call, matrixIndex: number, g: Grid): NVector {
  const name = e.func.name;
  const arg = unwrap(e.args[matrixIndex]) as MatrixSelector | SubqueryExpr;
  if (arg.type === 'MatrixSelector') {
    const vs = arg.vectorSelector;
    if (vs.anchored && !ANCHORED_SAFE_FUNCTIONS.includes(name)) {
      throw new PromQLError('eval', 'anchored_not_allowed', extendedModifierErrorMessage('anchored', name));
    }
    if (vs.smoothed && !SMOOTHED_SAFE_FUNCTIONS.includes(name)) {
      throw new PromQLError('eval', 'smoothed_not_allowed', extendedModifierErrorMessage('smoothed', name));
    }
  }
  const kernel = rangeKernels[name];
  if (!kernel) throw new PromQLError('unsupported', 'unknown_function', `function ${name} over a range vector is not supported yet`);

  // Scalar arguments (φ, t, sf, tf) over the grid, in call order.
  const scalarArgs: Float64Array[] = [];
  const held: NValue[] = [];
  let input: RangeInput | null = null;
  try {
    // Prometheus evaluates the subquery (if any) before the other arguments.
    input = ev.node(arg, () => loadRangeInput(ev, name, arg, g), (r) => r.series.length);
    for (let k = 0; k < e.args.length; k++) {
      if (k === matrixIndex) continue;
      const v = ev.eval(e.args[k], g);
      held.push(v);
      if (v.kind !== 'scalar') throw new RangeError(`argument ${k} of ${name} evaluated to ${v.kind}`);
      scalarArgs.push(v.values);
    }
    const out = applyRangeKernel(ev, e, input, scalarArgs, g);
    if (name === 'absent_over_time') {
      const absent = absentOverTime(ev, e, out, g);
      return absent;
    }
    return out;
  } finally {
    if (input) for (const s of input.series) ev.acc.releaseSeries(s);
    for (const v of held) ev.acc.releaseValue(v);
  }
}

function applyRangeKernel(ev: NaiveEvaluator, e: Call, input: RangeInput, scalarArgs: Float64Array[], g: Grid): NVector {
  const name = e.func.name;
  const kernel = rangeKernels[name];
  const keepsName = name === 'last_over_time' || name === 'first_over_time';
  const isRateLike = name === 'rate' || name === 'increase';
  const isQuantile = name === 'quantile_over_time';
  const checksOverlap = START_TIME_OVERLAP_FUNCTIONS.includes(name);
  const params: number[] = new Array(scalarArgs.length).fill(0);
  const w: RangeWindow = { t: EMPTY, v: EMPTY, lo: 0, hi: 0, rangeStartMs: 0, rangeEndMs: 0, evalMs: 0 };
  const out: NSeries[] = [];
  const lookback = ev.ctx.lookbackDeltaMs;
  const extended = input.anchored || input.smoothed;
  // Anchored/smoothed selectors have their own kernels, which read the extended window.
  const windowKernel = input.anchored ? anchoredRangeKernels[name] : input.smoothed ? smoothedRangeKernels[name] : kernel;
  for (const s of input.series) {
    const dropName = !keepsName || s.dropName;
    let labels = s.labels;
    if (dropName && !ev.ctx.delayedNameRemoval) labels = dropMetricName(labels);
    const o = ev.acc.newSeries(labels, dropName, g.n, `${name} output`);
    w.t = s.t;
    w.v = s.v;
    w.st = s.st ?? null;
    // extendedRate (anchored/smoothed) returns before upstream's overlap check.
    const overlapCheck = checksOverlap && !extended && w.st !== null;
    let lo = 0;
    let hi = 0;
    let any = false;
    let maxWindow = 0;
    let lastWindow = 0;
    for (let i = 0; i < g.n; i++) {
      const ts = stepTime(g, i);
      const end = (input.timestampMs !== null ? input.timestampMs : ts) - input.offsetMs;
      const start = end - input.rangeMs;
      if (input.timestampMs !== null && i > 0) {
        // Same window at every step.
      } else {
        // Anchored and smoothed windows reach one lookback further back (and smoothed
        // one further forward), so the boundary values can be picked or interpolated.
        const dataStart = extended ? start - lookback : start;
        const dataEnd = input.smoothed ? end + lookback : end;
        while (lo < s.t.length && s.t[lo] <= dataStart) lo++;
        if (hi < lo) hi = lo;
        while (hi < s.t.length && s.t[hi] <= dataEnd) hi++;
      }
      lastWindow = hi - lo;
      if (hi <= lo) continue;
      if (hi - lo > maxWindow) maxWindow = hi - lo;
      w.lo = lo;
      w.hi = hi;
      w.rangeStartMs = start;
      w.rangeEndMs = end;
      w.evalMs = ts;
      for (let k = 0; k < scalarArgs.length; k++) params[k] = scalarArgs[k][i];
      if (isQuantile) {
        // funcQuantileOverTime warns whenever it is called (a non-empty window).
        const q = params[0];
        if (Number.isNaN(q) || q < 0 || q > 1) ev.ctx.annotations.warn(`quantile value should be between 0 and 1, got ${goFormatG(q)}`, e.args[0].range);
      }
      // One warning per call (series and step), merged per metric name over the query.
      if (overlapCheck && windowHasStartTimeOverlap(w)) ev.noteStartTimeOverlap(getLabel(s.labels, METRIC_NAME), e.args[0].range);
      const v = windowKernel(w, params);
      if (v === undefined) continue;
      o.values[i] = v;
      o.present[i] = 1;
      any = true;
    }
    // Prometheus holds one series' window at a time while it computes, and counts the
    // series' output while still holding its last window.
    ev.acc.holdSamples(maxWindow);
    ev.acc.dropSamples(maxWindow);
    ev.acc.holdSamples(lastWindow);
    if (!any) {
      ev.acc.dropSamples(lastWindow);
      ev.acc.releaseSeries(o);
      continue;
    }
    ev.acc.sealSeries(o);
    ev.acc.dropSamples(lastWindow);
    out.push(o);
    if (isRateLike) {
      const metricName = getLabel(s.labels, METRIC_NAME);
      if (metricName !== '' && !/(_total|_sum|_count|_bucket)$/.test(metricName)) {
        ev.ctx.annotations.info(`metric might not be a counter, name does not end in _total/_sum/_count/_bucket: ${goQuote(metricName)}`, e.args[0].range);
      }
    }
  }
  if (!ev.ctx.delayedNameRemoval) ev.checkNoDuplicateLabelsets(out);
  return { kind: 'vector', series: out };
}

/** absent_over_time: 1 at the steps where no input series had a sample in its window. */
function absentOverTime(ev: NaiveEvaluator, e: Call, present: NVector, g: Grid): NVector {
  const s = ev.acc.newSeries(absentLabels(e.args[0]), true, g.n, 'absent_over_time output');
  for (let i = 0; i < g.n; i++) {
    let found = false;
    for (const p of present.series) if (p.present[i] !== 0) { found = true; break; }
    if (!found) {
      s.present[i] = 1;
      s.values[i] = 1;
    }
  }
  ev.acc.releaseValue(present);
  ev.acc.sealSeries(s);
  if (s.samples === 0) {
    ev.acc.releaseSeries(s);
    return { kind: 'vector', series: [] };
  }
  return { kind: 'vector', series: [s] };
}

const EMPTY = new Float64Array(0);
