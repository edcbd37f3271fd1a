/**
 * `min_of(a, b)` / `max_of(a, b)` of duration expressions used as scalars: NaN when
 * either is NaN. values() consumes both inputs and returns a pooled array the caller owns.
 */
import type { ScalarOperator } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';

export class ScalarMinMaxOperator implements ScalarOperator {
  readonly kind = 'scalar' as const;
  readonly grid: StepGrid;
  constructor(
    private readonly sc: StreamingContext,
    private readonly name: 'min_of' | 'max_of',
    private readonly a: ScalarOperator,
    private readonly b: ScalarOperator,
  ) {
    this.grid = a.grid;
  }

  values(): Float64Array {
    const x = this.a.values();
    let y: Float64Array;
    try {
      y = this.b.values();
    } catch (e) {
      this.sc.pool.releaseFloat64(x);
      throw e;
    }
    for (let i = 0; i < x.length; i++) {
      x[i] = x[i] !== x[i] || y[i] !== y[i] ? NaN : this.name === 'max_of' ? Math.max(x[i], y[i]) : Math.min(x[i], y[i]);
    }
    this.sc.pool.releaseFloat64(y);
    return x;
  }

  close(): void {
    this.a.close();
    this.b.close();
  }
}
