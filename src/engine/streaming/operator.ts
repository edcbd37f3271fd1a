/**
 * Operator contracts of the streaming evaluator, on Grafana Mimir's MQE model
 * (pkg/streamingpromql/types/operator.go: InstantVectorOperator, RangeVectorOperator,
 * ScalarOperator, StringOperator).
 *
 * Call order for every vector operator: `seriesMetadata()` exactly once, then
 * `nextSeries()` exactly `seriesMetadata().length` times, then `close()` (close may also
 * be called early, e.g. after an error, and must be idempotent).
 *
 * Buffer ownership: a {@link StepData} returned by `nextSeries()` belongs to the caller,
 * who must give it back with `pool.releaseStepData()` (or hand it on to its own caller)
 * exactly once. Buffers come from the query's {@link BufferPool} and are charged to the
 * query's MemoryTracker while held.
 */
import type { Labels } from '../model/labels.ts';
import type { RangeWindow } from '../kernels/types.ts';
import type { StepGrid } from './step-grid.ts';
import type { WindowBatch } from './range-window.ts';

/** One output series' identity, known before any sample is decoded. */
export interface SeriesMeta {
  readonly labels: Labels;
  /**
   * Delayed `__name__` removal (Prometheus's `DropName`): the labels still carry
   * `__name__`, which is removed at the end of the query. A producer may still change it
   * until this series' `nextSeries()` returns (a merged series takes the flag of the
   * member seen first in time, an aggregate the flag of its inputs); consumers that
   * forward it read it then.
   */
  dropName: boolean;
}

/**
 * One series over an operator's step grid: `values[i]` is meaningful only when
 * `present[i] === 1`. Both arrays have exactly `grid.stepCount` elements and come from
 * the pool.
 */
export interface StepData {
  readonly values: Float64Array;
  readonly present: Uint8Array;
}

/** Mirrors Mimir's types.InstantVectorOperator. */
export interface InstantVectorOperator {
  readonly kind: 'vector';
  /** The grid this operator's step data is aligned with. */
  readonly grid: StepGrid;
  /** All output series in output order. Called exactly once, before `nextSeries()`. */
  seriesMetadata(): SeriesMeta[];
  /** The next series' step data; the caller owns it (release it to the pool). */
  nextSeries(): StepData;
  /**
   * Optional: moves past the next series without producing it, for consumers that know
   * from the metadata alone that the series can match nothing (selectors then never
   * decode it). Use {@link skipSeries}, which falls back to nextSeries + release.
   */
  skipSeries?(): void;
  /** Releases everything still held. Idempotent. */
  close(): void;
}

/**
 * Mirrors Mimir's types.RangeVectorOperator: per series, `nextSeries()` then one
 * `nextStepWindow()` per step of the grid, in step order.
 */
export interface RangeVectorOperator {
  readonly kind: 'matrix';
  readonly grid: StepGrid;
  /** Range of each window in ms (for functions that need it). */
  readonly rangeMs: number;
  seriesMetadata(): SeriesMeta[];
  /** Advances to the next series (its windows follow). */
  nextSeries(): void;
  /**
   * Fills `w` with the window of step `step` of the current series (steps are asked in
   * increasing order). The arrays in `w` are owned by the operator and valid until the
   * next `nextStepWindow()`/`nextSeries()`/`close()`.
   */
  nextStepWindow(step: number, w: RangeWindow): void;
  /**
   * Optional batch form of nextStepWindow (same order rules, and not mixed with it within
   * a series): the windows of steps `from`, `from + 1`, … of the current series, as far
   * as the operator's buffered data reaches (at least one step, at most
   * WINDOW_BATCH_STEPS); see WindowBatch. Only operators whose windows only move forward
   * in time and carry no start timestamps offer it.
   */
  nextWindowBatch?(from: number): WindowBatch;
  close(): void;
}

/** Mirrors Mimir's types.ScalarOperator: one value per step (scalars are never absent). */
export interface ScalarOperator {
  readonly kind: 'scalar';
  readonly grid: StepGrid;
  /** The values, `grid.stepCount` long, from the pool; the caller owns them (releaseFloat64). Call once. */
  values(): Float64Array;
  close(): void;
}

/** Mirrors Mimir's types.StringOperator. */
export interface StringOperator {
  readonly kind: 'string';
  readonly grid: StepGrid;
  value(): string;
  close(): void;
}

export type Operator = InstantVectorOperator | RangeVectorOperator | ScalarOperator | StringOperator;

/** Moves `op` past its next series, without decoding it when the operator supports that. */
export function skipSeries(op: InstantVectorOperator, release: (d: StepData) => void): void {
  if (op.skipSeries) op.skipSeries();
  else release(op.nextSeries());
}
