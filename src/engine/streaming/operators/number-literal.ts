/**
 * NumberLiteral as a ScalarOperator (mirrors Mimir's operators/scalars ScalarConstant).
 * Contract: values() returns a pooled array filled with the literal; the caller owns it.
 */
import type { ScalarOperator } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';

export class NumberLiteralOperator implements ScalarOperator {
  readonly kind = 'scalar' as const;
  constructor(private readonly sc: StreamingContext, readonly grid: StepGrid, private readonly value: number) {}

  values(): Float64Array {
    const out = this.sc.pool.acquireFloat64(this.grid.stepCount, 'scalar literal');
    out.fill(this.value);
    return out;
  }

  close(): void {}
}
