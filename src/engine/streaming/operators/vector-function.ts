/**
 * `vector(s)` (mirrors funcVector, promql/functions.go): one series with no labels whose
 * value at each step is the scalar's. Contract: one series; the caller owns its StepData.
 */
import { EMPTY_LABELS } from '../../model/labels.ts';
import type { InstantVectorOperator, ScalarOperator, SeriesMeta, StepData } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';

export class VectorFunctionOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  readonly grid: StepGrid;
  constructor(private readonly sc: StreamingContext, private readonly inner: ScalarOperator) {
    this.grid = inner.grid;
  }

  seriesMetadata(): SeriesMeta[] {
    return [{ labels: EMPTY_LABELS, dropName: false }];
  }

  nextSeries(): StepData {
    const v = this.inner.values();
    let present: Uint8Array;
    try {
      present = this.sc.pool.acquireUint8(v.length, 'vector()');
    } catch (e) {
      this.sc.pool.releaseFloat64(v);
      throw e;
    }
    present.fill(1);
    return { values: v, present };
  }

  close(): void {
    this.inner.close();
  }
}
