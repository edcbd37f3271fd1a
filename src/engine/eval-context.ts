/**
 * What an evaluator gets for one query, and what it must give back. Both evaluators
 * implement {@link Evaluator}; engine.ts picks one per query.
 */
import type { Expr } from './parser/ast.ts';
import type { SeriesStore } from './storage/types.ts';
import type { MemoryTracker } from './model/memory-tracker.ts';
import type { Annotations } from './model/annotations.ts';
import type { QueryValue } from './model/result.ts';
import type { NodeStats } from './model/stats.ts';

export interface EvalContext {
  readonly storage: SeriesStore;
  /** Query range in ms; an instant query has startMs == endMs. */
  readonly startMs: number;
  readonly endMs: number;
  /** Step in ms (> 0; for instant queries any positive value, it is not used). */
  readonly stepMs: number;
  /** Lookback delta in ms (default 5m); instant selectors see `(t − δ, t]`. */
  readonly lookbackDeltaMs: number;
  /** Step of subqueries written without one (`[5m:]`), ms. Prometheus: the global evaluation interval, 1m in tests. */
  readonly defaultSubqueryStepMs: number;
  /** Delayed `__name__` removal (Prometheus's promql-delayed-name-removal; on in the upstream tests). */
  readonly delayedNameRemoval: boolean;
  /**
   * Use per-sample start timestamps in rate/irate/increase/resets and start_timestamp()
   * (Prometheus's use-start-timestamps feature, on in the upstream tests). Absent = true.
   */
  readonly useStartTimestamps?: boolean;
  /** Fail with a 'limit' error when more samples than this are held at once (Prometheus --query.max-samples). */
  readonly maxSamples: number;
  readonly tracker: MemoryTracker;
  readonly annotations: Annotations;
  readonly counters: SampleCounters;
  /** Per-node/operator rows for explain; evaluators push onto it. */
  readonly nodes: NodeStats[];
}

/** Sample accounting as Prometheus's query stats: samples held now, the peak, and decoded in total. */
export interface SampleCounters {
  currentSamples: number;
  peakSamples: number;
  samplesDecoded: number;
}

/**
 * Evaluates a preprocessed expression (durations resolved, `@ start()`/`@ end()` set,
 * step-invariant parts wrapped) over the context's steps. Throws PromQLError; the engine
 * catches once at the top.
 */
export type Evaluator = (expr: Expr, ctx: EvalContext) => QueryValue;
