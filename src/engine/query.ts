/**
 * The engine's query API types (DESIGN.md §4). Implemented by engine.ts `runQuery`.
 */
import type { Annotation } from './model/annotations.ts';
import type { PromQLErrorData } from './model/errors.ts';
import type { QueryValue } from './model/result.ts';
import type { QueryStats } from './model/stats.ts';

/** One query. An instant query has startMs == endMs (stepMs is then ignored but must be > 0). */
export interface QueryRequest {
  readonly expr: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly stepMs: number;
}

export interface QueryOptions {
  readonly evaluator?: 'naive' | 'streaming';
  /** Default 300000 (5m). */
  readonly lookbackDeltaMs?: number;
  /** Step for subqueries written without one. Default 60000 (Prometheus's default evaluation interval). */
  readonly defaultSubqueryStepMs?: number;
  /** Tracked-memory limit; exceeding it fails the query with kind 'limit'. Default: none. */
  readonly memoryLimitBytes?: number;
  /** Most samples held at once (Prometheus --query.max-samples). Default 50,000,000. */
  readonly maxSamples?: number;
  /** Delayed `__name__` removal; default true (as the upstream tests assume). */
  readonly delayedNameRemoval?: boolean;
  /**
   * Use stored start timestamps (`@st` data) in rate/irate/increase/resets and
   * start_timestamp() (Prometheus's use-start-timestamps feature flag, off by default in
   * Prometheus, on in its tests). Default true: only data loaded with ST has any.
   */
  readonly useStartTimestamps?: boolean;
}

/** A query's outcome. Errors are data, so they survive the worker boundary with their range. */
export type QueryResult =
  | { readonly ok: true; readonly value: QueryValue; readonly annotations: readonly Annotation[]; readonly stats: QueryStats }
  | { readonly ok: false; readonly error: PromQLErrorData; readonly annotations: readonly Annotation[]; readonly stats: QueryStats | null };
