/**
 * The engine's query entry: parse, preprocess, evaluate with the chosen evaluator, and
 * report the result, annotations and stats. Errors are caught once here and returned
 * as data (PromQLError → its data; anything else → kind 'internal').
 */
import type { QueryOptions, QueryRequest, QueryResult } from './query.ts';
import type { EvalContext, Evaluator, SampleCounters } from './eval-context.ts';
import type { SeriesStore } from './storage/types.ts';
import type { Expr, ValueType } from './parser/ast.ts';
import type { QueryValue } from './model/result.ts';
import type { QueryStats } from './model/stats.ts';
import { Annotations } from './model/annotations.ts';
import { MemoryTracker } from './model/memory-tracker.ts';
import { PromQLError, toPromQLError } from './model/errors.ts';
import { parse, evalConstantDuration } from './parser/parser.ts';
import type { DurationExpr, NumberLiteral } from './parser/ast.ts';
import { evaluateNaive } from './naive/index.ts';
import { evaluateStreaming } from './streaming/index.ts';

const DEFAULT_LOOKBACK_MS = 300_000;
const DEFAULT_SUBQUERY_STEP_MS = 60_000;
const DEFAULT_MAX_SAMPLES = 50_000_000;

const perf = (globalThis as { performance?: { now(): number } }).performance;
function now(): number {
  return perf ? perf.now() : Date.now();
}

/** The value type of an expression (Prometheus `Expr.Type()`). */
export function exprType(e: Expr): ValueType {
  switch (e.type) {
    case 'NumberLiteral':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'VectorSelector':
    case 'AggregateExpr':
      return 'vector';
    case 'MatrixSelector':
    case 'SubqueryExpr':
      return 'matrix';
    case 'Call':
      return e.func.returnType;
    case 'BinaryExpr':
      return exprType(e.lhs) === 'scalar' && exprType(e.rhs) === 'scalar' ? 'scalar' : 'vector';
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'StepInvariantExpr':
      return exprType(e.expr);
  }
}

const streamingEvaluator: Evaluator | null = evaluateStreaming;

/**
 * Runs one query against `storage`. An instant query has `startMs == endMs`. Never
 * throws: failures come back as `{ok: false, error}` with the annotations gathered so far.
 */
export function runQuery(storage: SeriesStore, req: QueryRequest, opts: QueryOptions = {}): QueryResult {
  const evaluatorName = opts.evaluator ?? 'naive';
  const started = now();
  const tracker = new MemoryTracker(opts.memoryLimitBytes ?? Infinity);
  const annotations = new Annotations();
  const counters: SampleCounters = { currentSamples: 0, peakSamples: 0, samplesDecoded: 0 };
  let parseMs = 0;
  let planMs = 0;
  let evaluateMs = 0;
  let serializeMs = 0;
  const ctx: EvalContext = {
    storage,
    startMs: req.startMs,
    endMs: req.endMs,
    stepMs: req.stepMs,
    lookbackDeltaMs: opts.lookbackDeltaMs ?? DEFAULT_LOOKBACK_MS,
    defaultSubqueryStepMs: opts.defaultSubqueryStepMs ?? DEFAULT_SUBQUERY_STEP_MS,
    delayedNameRemoval: opts.delayedNameRemoval ?? true,
    maxSamples: opts.maxSamples ?? DEFAULT_MAX_SAMPLES,
    tracker,
    annotations,
    counters,
    nodes: [],
  };
  const stats = (value: QueryValue | null): QueryStats => ({
    evaluator: evaluatorName,
    phases: { parseMs, planMs, evaluateMs, serializeMs },
    wallMs: now() - started,
    peakTrackedBytes: tracker.peak,
    memoryTimeline: tracker.timeline,
    peakSamples: counters.peakSamples,
    samplesDecoded: counters.samplesDecoded,
    seriesOut: value === null ? 0 : value.kind === 'vector' || value.kind === 'matrix' ? value.series.length : 1,
    nodes: ctx.nodes,
  });
  let phaseStart = started;
  try {
    if (!(req.stepMs > 0)) throw new PromQLError('eval', 'bad_step', 'zero or negative query resolution step widths are not accepted. Try a positive integer');
    if (req.endMs < req.startMs) throw new PromQLError('eval', 'bad_range', 'end timestamp must not be before start time');
    const parsed = parse(req.expr);
    parseMs = now() - phaseStart;
    phaseStart = now();
    const isRange = req.startMs !== req.endMs;
    if (isRange) {
      const t = exprType(parsed);
      if (t !== 'scalar' && t !== 'vector') {
        throw new PromQLError('type', 'bad_range_query_type', `invalid expression type "${rangeTypeName(t)}" for range query, must be Scalar or instant Vector`);
      }
    }
    const expr = preprocessExpr(parsed, { startMs: req.startMs, endMs: req.endMs, stepMs: req.stepMs });
    planMs = now() - phaseStart;
    phaseStart = now();
    let evaluate: Evaluator;
    if (evaluatorName === 'streaming') {
      if (!streamingEvaluator) throw new PromQLError('unsupported', 'streaming_unavailable', 'the streaming evaluator is not available in this build');
      evaluate = streamingEvaluator;
    } else evaluate = evaluateNaive;
    const value = evaluate(expr, ctx);
    evaluateMs = now() - phaseStart;
    return { ok: true, value, annotations: annotations.list(), stats: stats(value) };
  } catch (e) {
    const err = toPromQLError(e);
    if (evaluateMs === 0 && phaseStart !== started) evaluateMs = now() - phaseStart;
    return { ok: false, error: err.toData(), annotations: annotations.list(), stats: stats(null) };
  }
}

/** Prometheus's names of value types in the range-query type error (`parser.ValueType` strings). */
function rangeTypeName(t: ValueType): string {
  return t === 'matrix' ? 'range vector' : t === 'vector' ? 'instant vector' : t;
}

// ---------------------------------------------------------------------------------------
// Preprocessing (Prometheus PreprocessExpr, promql/engine.go). Known difference from the
// project layout: this belongs in parser/preprocess.ts; it lives here until that exists.

interface QueryTimes {
  readonly startMs: number;
  readonly endMs: number;
  readonly stepMs: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const AT_MODIFIER_UNSAFE = new Set([
  'days_in_month', 'day_of_month', 'day_of_week', 'day_of_year', 'end', 'hour', 'minute', 'month', 'year',
  'predict_linear', 'range', 'start', 'step', 'time', 'timestamp',
]);

/**
 * Folds start()/end()/range()/step() into numbers, resolves duration expressions that
 * depend on the query, sets `@ start()`/`@ end()` timestamps, strips parentheses around
 * call arguments and aggregation operands, and wraps the highest step-invariant
 * sub-trees in StepInvariantExpr. Returns a new tree; the input is not modified.
 */
export function preprocessExpr(expr: Expr, q: QueryTimes): Expr {
  const copy = structuredCloneExpr(expr);
  const folded = foldQueryFunctions(copy, q);
  resolveDurations(folded, q);
  const [, wrap] = wrapInvariant(folded, q);
  return wrap ? stepInvariant(folded) : folded;
}

function structuredCloneExpr(e: Expr): Expr {
  // Matchers hold functions, so copy node by node (sharing matchers and signatures).
  const o: Record<string, unknown> = { ...e };
  for (const k of ['expr', 'lhs', 'rhs', 'param', 'vectorSelector'] as const) {
    const v = (e as unknown as Record<string, unknown>)[k];
    if (v && typeof v === 'object') o[k] = structuredCloneExpr(v as Expr);
  }
  if (e.type === 'Call') o.args = e.args.map(structuredCloneExpr);
  return o as unknown as Expr;
}

function foldQueryFunctions(e: Expr, q: QueryTimes): Expr {
  if (e.type === 'Call' && e.args.length === 0) {
    const name = e.func.name;
    let v: number | null = null;
    if (name === 'start') v = q.startMs / 1000;
    else if (name === 'end') v = q.endMs / 1000;
    else if (name === 'range') v = (q.endMs - q.startMs) / 1000;
    else if (name === 'step') v = q.startMs === q.endMs ? 0 : q.stepMs / 1000;
    if (v !== null) return { type: 'NumberLiteral', value: v, duration: false, range: e.range } satisfies NumberLiteral;
  }
  const m = e as Mutable<Expr> & Record<string, unknown>;
  switch (e.type) {
    case 'BinaryExpr':
      m.lhs = foldQueryFunctions(e.lhs, q);
      m.rhs = foldQueryFunctions(e.rhs, q);
      break;
    case 'Call':
      m.args = e.args.map((a) => foldQueryFunctions(a, q));
      break;
    case 'AggregateExpr':
      m.expr = foldQueryFunctions(e.expr, q);
      if (e.param) m.param = foldQueryFunctions(e.param, q);
      break;
    case 'UnaryExpr':
    case 'ParenExpr':
    case 'SubqueryExpr':
    case 'StepInvariantExpr':
      m.expr = foldQueryFunctions(e.expr, q);
      break;
  }
  return e;
}

function durationMs(d: DurationExpr, q: QueryTimes, allowNegative: boolean): number {
  const step = q.stepMs / 1000;
  const range = (q.endMs - q.startMs) / 1000;
  const v = evalConstantDuration(d, q.startMs === q.endMs ? 0 : step, range);
  const pos = `${d.range.from}:${d.range.to}`;
  if (v === null) throw new PromQLError('eval', 'bad_duration', `${pos}: division by zero`);
  if (!Number.isFinite(v)) throw new PromQLError('eval', 'bad_duration', `${pos}: duration is NaN or infinite`);
  if (v <= 0 && !allowNegative) throw new PromQLError('eval', 'bad_duration', `${pos}: duration must be greater than 0`);
  return Math.round(v * 1000);
}

function resolveDurations(e: Expr, q: QueryTimes): void {
  const m = e as unknown as Record<string, unknown>;
  switch (e.type) {
    case 'VectorSelector':
      if (e.offsetExpr) m.offsetMs = durationMs(e.offsetExpr, q, true);
      break;
    case 'MatrixSelector':
      if (e.rangeExpr) m.rangeMs = durationMs(e.rangeExpr, q, false);
      resolveDurations(e.vectorSelector, q);
      break;
    case 'SubqueryExpr':
      if (e.rangeExpr) m.rangeMs = durationMs(e.rangeExpr, q, false);
      if (e.stepExpr) m.stepMs = durationMs(e.stepExpr, q, false);
      if (e.offsetExpr) m.offsetMs = durationMs(e.offsetExpr, q, true);
      resolveDurations(e.expr, q);
      break;
    case 'BinaryExpr':
      resolveDurations(e.lhs, q);
      resolveDurations(e.rhs, q);
      break;
    case 'Call':
      for (const a of e.args) resolveDurations(a, q);
      break;
    case 'AggregateExpr':
      resolveDurations(e.expr, q);
      if (e.param) resolveDurations(e.param, q);
      break;
    case 'UnaryExpr':
    case 'ParenExpr':
    case 'StepInvariantExpr':
      resolveDurations(e.expr, q);
      break;
  }
}

function stepInvariant(e: Expr): Expr {
  return { type: 'StepInvariantExpr', expr: e, range: e.range };
}

function unparen(e: Expr): Expr {
  while (e.type === 'ParenExpr') e = e.expr;
  return e;
}

/** Mirrors preprocessExprHelper: [isStepInvariant, shouldWrap]. */
function wrapInvariant(e: Expr, q: QueryTimes): [boolean, boolean] {
  const m = e as unknown as Record<string, unknown>;
  switch (e.type) {
    case 'VectorSelector': {
      if (e.startOrEnd === 'start') m.timestampMs = q.startMs;
      else if (e.startOrEnd === 'end') m.timestampMs = q.endMs;
      const has = (m.timestampMs as number | null) !== null;
      return [has, has];
    }
    case 'AggregateExpr': {
      m.expr = unparen(e.expr);
      if (e.param) m.param = unparen(e.param);
      return wrapInvariant(m.expr as Expr, q);
    }
    case 'BinaryExpr': {
      const [li, lw] = wrapInvariant(e.lhs, q);
      const [ri, rw] = wrapInvariant(e.rhs, q);
      if (li && ri) return [true, true];
      if (lw) m.lhs = stepInvariant(e.lhs);
      if (rw) m.rhs = stepInvariant(e.rhs);
      return [false, false];
    }
    case 'Call': {
      let invariant = !AT_MODIFIER_UNSAFE.has(e.func.name);
      let timestampSafe = e.func.name === 'timestamp';
      const args = e.args.map(unparen);
      m.args = args;
      const wraps: boolean[] = [];
      for (const a of args) {
        const [ai, aw] = wrapInvariant(a, q);
        wraps.push(aw);
        invariant = invariant && ai;
        if (!ai || a.type !== 'VectorSelector') timestampSafe = false;
      }
      if (invariant || timestampSafe) return [true, true];
      m.args = args.map((a, i) => (wraps[i] ? stepInvariant(a) : a));
      return [false, false];
    }
    case 'MatrixSelector': {
      const [inv] = wrapInvariant(e.vectorSelector, q);
      return [inv, false];
    }
    case 'SubqueryExpr': {
      const [inv] = wrapInvariant(e.expr, q);
      if (inv) m.expr = stepInvariant(e.expr);
      if (e.startOrEnd === 'start') m.timestampMs = q.startMs;
      else if (e.startOrEnd === 'end') m.timestampMs = q.endMs;
      return [(m.timestampMs as number | null) !== null, false];
    }
    case 'ParenExpr':
    case 'UnaryExpr':
      return wrapInvariant(e.expr, q);
    case 'StringLiteral':
    case 'NumberLiteral':
      return [true, false];
    case 'StepInvariantExpr':
      return [true, false];
  }
}
