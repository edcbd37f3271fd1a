/**
 * A binary operation between an instant vector and a scalar (either order). Mirrors
 * VectorscalarBinop, promql/engine.go, and Mimir's operators/binops
 * VectorScalarBinaryOperation.
 *
 * Contract: the scalar side is evaluated once into a pooled step array (released on
 * close()). seriesMetadata() is the vector's, marked for name removal when the operator
 * changes the metric's meaning or `bool` is given. nextSeries() transforms one series in
 * place (comparisons without `bool` clear the steps they filter) and hands its buffers to
 * the caller. For `scalar <cmp> vector` a kept sample keeps the vector's value.
 */
import type { BinaryExpr } from '../../parser/ast.ts';
import { changesMetricSchema, isComparisonOp, vectorElemBinop } from '../../kernels/binary-ops.ts';
import type { InstantVectorOperator, ScalarOperator, SeriesMeta, StepData } from '../operator.ts';
import { markAllDropName } from '../name-marking.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';

export class VectorScalarBinaryOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  readonly grid: StepGrid;
  private scalarValues: Float64Array | null = null;
  private readonly elem = { value: 0, keep: false };

  constructor(
    private readonly sc: StreamingContext,
    private readonly node: BinaryExpr,
    private readonly vector: InstantVectorOperator,
    private readonly scalar: ScalarOperator,
    /** True when the scalar is the left operand. */
    private readonly scalarOnLeft: boolean,
  ) {
    this.grid = vector.grid;
  }

  seriesMetadata(): SeriesMeta[] {
    const meta = this.scalarOnLeft ? null : this.vector.seriesMetadata();
    this.scalarValues = this.scalar.values();
    const m = meta ?? this.vector.seriesMetadata();
    if (changesMetricSchema(this.node.op) || this.node.returnBool) return markAllDropName(m, this.sc.ctx.delayedNameRemoval);
    return m;
  }

  nextSeries(): StepData {
    const d = this.vector.nextSeries();
    const s = this.scalarValues as Float64Array;
    const op = this.node.op;
    const cmp = isComparisonOp(op);
    const returnBool = this.node.returnBool;
    const swap = this.scalarOnLeft;
    const elem = this.elem;
    const values = d.values;
    const present = d.present;
    for (let i = 0; i < values.length; i++) {
      if (present[i] === 0) continue;
      const v = values[i];
      if (swap) vectorElemBinop(op, s[i], v, elem);
      else vectorElemBinop(op, v, s[i], elem);
      if (returnBool) values[i] = elem.keep ? 1 : 0;
      else if (!elem.keep) present[i] = 0;
      else values[i] = cmp && swap ? v : elem.value;
    }
    return d;
  }

  close(): void {
    if (this.scalarValues !== null) this.sc.pool.releaseFloat64(this.scalarValues);
    this.scalarValues = null;
    this.scalar.close();
    this.vector.close();
  }
}
