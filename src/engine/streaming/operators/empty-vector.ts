/**
 * An instant vector with no series: the native-histogram-only functions
 * (histogram_count, histogram_sum, …) on float input, which Prometheus skips sample by
 * sample. Contract: seriesMetadata() is empty; the argument is planned (so planning errors
 * surface) but never read; close() closes it.
 */
import type { InstantVectorOperator, SeriesMeta, StepData } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';

export class EmptyVectorOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  constructor(readonly grid: StepGrid, private readonly inner: InstantVectorOperator | null) {}

  seriesMetadata(): SeriesMeta[] {
    return [];
  }

  nextSeries(): StepData {
    throw new RangeError('EmptyVectorOperator has no series');
  }

  close(): void {
    this.inner?.close();
  }
}
