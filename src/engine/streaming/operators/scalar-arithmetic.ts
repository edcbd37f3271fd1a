/**
 * Operators that turn scalars into scalars: a binary operation between two scalars
 * (mirrors scalarBinop, promql/engine.go, via kernels/binary-ops.ts) and unary minus.
 * values() consumes the inputs' arrays (released here) and returns a pooled array the
 * caller owns.
 */
import type { BinaryOp } from '../../parser/ast.ts';
import { scalarBinop } from '../../kernels/binary-ops.ts';
import type { ScalarOperator } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';

export class ScalarBinaryOperator implements ScalarOperator {
  readonly kind = 'scalar' as const;
  readonly grid: StepGrid;
  constructor(
    private readonly sc: StreamingContext,
    private readonly op: BinaryOp,
    private readonly lhs: ScalarOperator,
    private readonly rhs: ScalarOperator,
  ) {
    this.grid = lhs.grid;
  }

  values(): Float64Array {
    const l = this.lhs.values();
    let r: Float64Array;
    try {
      r = this.rhs.values();
    } catch (e) {
      this.sc.pool.releaseFloat64(l);
      throw e;
    }
    for (let i = 0; i < l.length; i++) l[i] = scalarBinop(this.op, l[i], r[i]);
    this.sc.pool.releaseFloat64(r);
    return l;
  }

  close(): void {
    this.lhs.close();
    this.rhs.close();
  }
}

export class ScalarNegationOperator implements ScalarOperator {
  readonly kind = 'scalar' as const;
  readonly grid: StepGrid;
  constructor(private readonly inner: ScalarOperator) {
    this.grid = inner.grid;
  }

  values(): Float64Array {
    const v = this.inner.values();
    for (let i = 0; i < v.length; i++) v[i] = -v[i];
    return v;
  }

  close(): void {
    this.inner.close();
  }
}
