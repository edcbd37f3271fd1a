/**
 * `scalar(v)` (mirrors funcScalar, promql/functions.go): at each step, the value of the
 * single series present, else NaN. Streams its input one series at a time, keeping only
 * a per-step count and value (two step arrays).
 * Contract: values() drains the inner operator and returns a pooled array the caller owns.
 */
import type { InstantVectorOperator, ScalarOperator } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';

export class ScalarFunctionOperator implements ScalarOperator {
  readonly kind = 'scalar' as const;
  readonly grid: StepGrid;
  constructor(private readonly sc: StreamingContext, private readonly inner: InstantVectorOperator) {
    this.grid = inner.grid;
  }

  values(): Float64Array {
    const n = this.grid.stepCount;
    const series = this.inner.seriesMetadata().length;
    const out = this.sc.pool.acquireFloat64(n, 'scalar()');
    const count = this.sc.pool.acquireFloat64(n, 'scalar() counts');
    count.fill(0);
    try {
      for (let s = 0; s < series; s++) {
        const d = this.inner.nextSeries();
        for (let i = 0; i < n; i++) {
          if (d.present[i] === 0) continue;
          count[i]++;
          out[i] = d.values[i];
        }
        this.sc.pool.releaseStepData(d);
      }
      for (let i = 0; i < n; i++) if (count[i] !== 1) out[i] = NaN;
    } catch (e) {
      this.sc.pool.releaseFloat64(out);
      throw e;
    } finally {
      this.sc.pool.releaseFloat64(count);
    }
    return out;
  }

  close(): void {
    this.inner.close();
  }
}
