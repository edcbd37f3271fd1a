/**
 * An instant vector selector with the experimental `smoothed` modifier (mirrors the
 * float branch of evaluator.smoothSeries, promql/engine.go; the value is
 * kernels/extended-range.ts smoothedInstantValue). Built on a zero-range
 * MatrixSelectorOperator, so one series at a time slides through a buffer holding
 * `(t − δ, t + δ]`.
 * Contract: as VectorSelectorOperator; the caller owns each returned StepData.
 */
import type { VectorSelector } from '../../parser/ast.ts';
import type { RangeWindow } from '../../kernels/types.ts';
import { smoothedInstantValue } from '../../kernels/extended-range.ts';
import type { InstantVectorOperator, SeriesMeta, StepData } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';
import { MatrixSelectorOperator } from './matrix-selector.ts';
import { newRangeWindow } from '../range-window.ts';

export class SmoothedVectorSelectorOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  private readonly inner: MatrixSelectorOperator;
  private readonly w: RangeWindow = newRangeWindow();

  constructor(private readonly sc: StreamingContext, readonly grid: StepGrid, node: VectorSelector) {
    this.inner = new MatrixSelectorOperator(sc, grid, { type: 'MatrixSelector', vectorSelector: node, rangeMs: 0, rangeExpr: null, range: node.range });
  }

  seriesMetadata(): SeriesMeta[] {
    return this.inner.seriesMetadata();
  }

  nextSeries(): StepData {
    this.inner.nextSeries();
    const n = this.grid.stepCount;
    const out = this.sc.pool.acquireStepData(n, 'smoothed selector step data');
    const w = this.w;
    for (let i = 0; i < n; i++) {
      this.inner.nextStepWindow(i, w);
      const x = smoothedInstantValue(w.t, w.v, w.lo, w.hi, w.rangeEndMs);
      if (x === undefined) continue;
      out.values[i] = x;
      out.present[i] = 1;
    }
    return out;
  }

  close(): void {
    this.inner.close();
  }
}
