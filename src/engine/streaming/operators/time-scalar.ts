/**
 * Scalar functions of the step time alone: `time()` (seconds) and the value of `step()`-like
 * constants. Mirrors funcTime, promql/functions.go. values() returns a pooled array the
 * caller owns.
 */
import type { ScalarOperator } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';

export class TimeScalarOperator implements ScalarOperator {
  readonly kind = 'scalar' as const;
  constructor(private readonly sc: StreamingContext, readonly grid: StepGrid) {}

  values(): Float64Array {
    const n = this.grid.stepCount;
    const out = this.sc.pool.acquireFloat64(n, 'time()');
    for (let i = 0; i < n; i++) out[i] = (this.grid.startMs + i * this.grid.stepMs) / 1000;
    return out;
  }

  close(): void {}
}
