/**
 * `absent(v)` and `absent_over_time(m)` (mirrors funcAbsent / funcAbsentOverTime,
 * promql/functions.go, and Mimir's operators/functions Absent): one series, labelled from
 * the argument's equality matchers, present (value 1) at the steps where the input has
 * no series (for absent_over_time: no sample in any series' window).
 *
 * Contract: seriesMetadata() drains nothing; nextSeries() streams every input series one
 * at a time, folding its presence into one mask, and returns the single output series
 * (pooled, caller owns it). Once every step has a value the answer is known: the rest of
 * a selector's series are skipped undecoded (a selector has no annotations or errors to
 * lose; other inputs are still drained, since theirs must surface). Memory: one step mask.
 */
import type { Labels } from '../../model/labels.ts';
import type { RangeWindow } from '../../kernels/types.ts';
import type { InstantVectorOperator, RangeVectorOperator, SeriesMeta, StepData } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';
import { newRangeWindow } from '../range-window.ts';
import { MatrixSelectorOperator } from './matrix-selector.ts';

export class AbsentOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  readonly grid: StepGrid;
  private inputCount = 0;

  constructor(
    private readonly sc: StreamingContext,
    private readonly inner: InstantVectorOperator | RangeVectorOperator,
    private readonly labels: Labels,
  ) {
    this.grid = inner.grid;
  }

  seriesMetadata(): SeriesMeta[] {
    this.inputCount = this.inner.seriesMetadata().length;
    return [{ labels: this.labels, dropName: false }];
  }

  nextSeries(): StepData {
    const n = this.grid.stepCount;
    const out = this.sc.pool.acquireStepData(n, 'absent output');
    try {
      this.fold(out.present);
    } catch (e) {
      this.sc.pool.releaseStepData(out);
      throw e;
    }
    const seen = out.present;
    for (let i = 0; i < n; i++) {
      seen[i] ^= 1;
      out.values[i] = 1;
    }
    return out;
  }

  /** Folds every input series' presence into `seen`. */
  private fold(seen: Uint8Array): void {
    const n = this.grid.stepCount;
    let unseen = n;
    if (this.inner.kind === 'vector') {
      const inner = this.inner;
      for (let s = 0; s < this.inputCount; s++) {
        if (unseen === 0 && inner.skipSeries !== undefined) {
          inner.skipSeries();
          continue;
        }
        const d = inner.nextSeries();
        for (let i = 0; i < n; i++) {
          if (seen[i] === 0 && d.present[i] === 1) {
            seen[i] = 1;
            unseen--;
          }
        }
        this.sc.pool.releaseStepData(d);
      }
    } else {
      const w: RangeWindow = newRangeWindow();
      const selector = this.inner instanceof MatrixSelectorOperator;
      for (let s = 0; s < this.inputCount; s++) {
        this.inner.nextSeries();
        // A matrix selector decodes only when asked for windows.
        if (unseen === 0 && selector) continue;
        for (let i = 0; i < n; i++) {
          this.inner.nextStepWindow(i, w);
          if (seen[i] === 0 && w.hi > w.lo) {
            seen[i] = 1;
            unseen--;
          }
        }
      }
    }
  }

  close(): void {
    this.inner.close();
  }
}
