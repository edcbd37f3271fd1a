/**
 * What every operator of one query shares: the engine's EvalContext (storage, lookback,
 * tracker, annotations, counters) and the query's buffer pool.
 */
import type { EvalContext } from '../eval-context.ts';
import type { BufferPool } from './pool.ts';
import type { PosRange } from '../model/position.ts';

export interface StreamingContext {
  readonly ctx: EvalContext;
  readonly pool: BufferPool;
  /**
   * Start-time overlap warnings, merged per metric name over the query (first position
   * kept, occurrences counted), added to the annotations at the end as upstream's
   * startTimeOverlapErr.Merge does.
   */
  readonly startTimeOverlaps: Map<string, { count: number; range: PosRange }>;
}
