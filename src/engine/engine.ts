/**
 * The engine's query entry: parse, preprocess, evaluate with the chosen evaluator, and
 * report the result, annotations and stats. Errors are caught once here and returned
 * as data (PromQLError → its data; anything else → kind 'internal').
 */
import type { QueryOptions, QueryRequest, QueryResult } from './query.ts';
import type { EvalContext, Evaluator, SampleCounters } from './eval-context.ts';
import type { SeriesStore } from './storage/types.ts';
import type { ValueType } from './parser/ast.ts';
import type { QueryValue } from './model/result.ts';
import type { QueryStats } from './model/stats.ts';
import { Annotations } from './model/annotations.ts';
import { MemoryTracker } from './model/memory-tracker.ts';
import { PromQLError, toPromQLError } from './model/errors.ts';
import { parse } from './parser/parser.ts';
import { preprocessExpr } from './parser/preprocess.ts';
import { exprType } from './parser/checker.ts';
import { evaluateNaive } from './naive/index.ts';
import { evaluateStreaming } from './streaming/index.ts';

const DEFAULT_LOOKBACK_MS = 300_000;
const DEFAULT_SUBQUERY_STEP_MS = 60_000;
const DEFAULT_MAX_SAMPLES = 50_000_000;

const perf = (globalThis as { performance?: { now(): number } }).performance;
function now(): number {
  return perf ? perf.now() : Date.now();
}

const streamingEvaluator: Evaluator | null = evaluateStreaming;

/**
 * Runs one query against `storage`. An instant query has `startMs == endMs`. Never
 * throws: failures come back as `{ok: false, error}` (with no annotations, as Prometheus).
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
    useStartTimestamps: opts.useStartTimestamps ?? true,
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
    const expr = preprocessExpr(parsed, { startMs: req.startMs, endMs: req.endMs, stepMs: isRange ? req.stepMs : 0 });
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
    // Like Prometheus, a failed query reports no annotations (evaluator.Eval drops them on a panic).
    return { ok: false, error: err.toData(), annotations: [], stats: stats(null) };
  }
}

/** Prometheus's names of value types in the range-query type error (`parser.ValueType` strings). */
function rangeTypeName(t: ValueType): string {
  return t === 'matrix' ? 'range vector' : t === 'vector' ? 'instant vector' : t;
}
