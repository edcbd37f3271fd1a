/**
 * An instant vector with no series: the native-histogram-only functions
 * (histogram_count, histogram_sum, …) on float input, which Prometheus skips sample by
 * sample. Contract: seriesMetadata() is empty; the argument is planned (so planning errors
 * surface) but never read; close() closes it.
 */
import { skipSeries, type InstantVectorOperator, type SeriesMeta, type StepData } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';

export class EmptyVectorOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  constructor(readonly grid: StepGrid, private readonly inner: InstantVectorOperator | null, private readonly release: (d: StepData) => void = () => {}) {}

  seriesMetadata(): SeriesMeta[] {
    if (this.inner) {
      const n = this.inner.seriesMetadata().length;
      for (let i = 0; i < n; i++) skipSeries(this.inner, this.release);
    }
    return [];
  }

  nextSeries(): StepData {
    throw new RangeError('EmptyVectorOperator has no series');
  }

  close(): void {
    this.inner?.close();
  }
}
