/**
 * Unary minus on an instant vector (mirrors the UnaryExpr case of Prometheus's eval,
 * promql/engine.go): negates every value and marks the series for name removal.
 * Contract: one series at a time, in place; the caller owns the returned StepData.
 */
import type { InstantVectorOperator, SeriesMeta, StepData } from '../operator.ts';
import { markAllDropName } from '../name-marking.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';

export class UnaryNegationOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  readonly grid: StepGrid;
  constructor(private readonly sc: StreamingContext, private readonly inner: InstantVectorOperator) {
    this.grid = inner.grid;
  }

  seriesMetadata(): SeriesMeta[] {
    return markAllDropName(this.inner.seriesMetadata(), this.sc.ctx.delayedNameRemoval);
  }

  nextSeries(): StepData {
    const d = this.inner.nextSeries();
    const v = d.values;
    for (let i = 0; i < v.length; i++) v[i] = -v[i];
    return d;
  }

  close(): void {
    this.inner.close();
  }
}
