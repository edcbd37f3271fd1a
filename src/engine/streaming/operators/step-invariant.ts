/**
 * StepInvariantExpr (mirrors the StepInvariantExpr case of Prometheus's eval,
 * promql/engine.go, and Mimir's operators StepInvariantInstantVectorOperator): the inner
 * plan runs on a one-step grid at the outer grid's start, and each of its series is
 * broadcast to every outer step.
 *
 * Contract: the inner operator is planned on the single-step grid; nextSeries() reads one
 * inner series (1-element buffers, released here) and returns a pooled StepData of the
 * outer grid's length that the caller owns.
 */
import type { InstantVectorOperator, ScalarOperator, SeriesMeta, StepData } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';

export class StepInvariantVectorOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  constructor(private readonly sc: StreamingContext, readonly grid: StepGrid, private readonly inner: InstantVectorOperator) {}

  seriesMetadata(): SeriesMeta[] {
    return this.inner.seriesMetadata();
  }

  nextSeries(): StepData {
    const one = this.inner.nextSeries();
    const out = this.sc.pool.acquireStepData(this.grid.stepCount, 'step-invariant broadcast');
    if (one.present[0] === 1) {
      out.values.fill(one.values[0]);
      out.present.fill(1);
    }
    this.sc.pool.releaseStepData(one);
    return out;
  }

  close(): void {
    this.inner.close();
  }
}

export class StepInvariantScalarOperator implements ScalarOperator {
  readonly kind = 'scalar' as const;
  constructor(private readonly sc: StreamingContext, readonly grid: StepGrid, private readonly inner: ScalarOperator) {}

  values(): Float64Array {
    const one = this.inner.values();
    const out = this.sc.pool.acquireFloat64(this.grid.stepCount, 'step-invariant broadcast');
    out.fill(one[0]);
    this.sc.pool.releaseFloat64(one);
    return out;
  }

  close(): void {
    this.inner.close();
  }
}
