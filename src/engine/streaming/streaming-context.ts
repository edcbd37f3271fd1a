/**
 * What every operator of one query shares: the engine's EvalContext (storage, lookback,
 * tracker, annotations, counters) and the query's buffer pool.
 */
import type { EvalContext } from '../eval-context.ts';
import type { BufferPool } from './pool.ts';

export interface StreamingContext {
  readonly ctx: EvalContext;
  readonly pool: BufferPool;
}
