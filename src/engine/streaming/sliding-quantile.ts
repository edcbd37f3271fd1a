/**
 * `quantile_over_time` over sliding windows: the window's values kept sorted as it slides.
 *
 * The kernel (kernels/over-time.ts, mirroring funcQuantileOverTime) copies and sorts every
 * window; consecutive steps share most samples, so this inserts each new sample into a
 * sorted array and removes each sample that leaves (binary search and one move each), and
 * reads the quantile off the array with the kernel's own arithmetic (quantileOfSorted).
 * The array holds the same values in the same order as the kernel's sort (NaN first, then
 * ascending), so results are bit-identical — except that among equal values the kernel's
 * sort leaves 0 and −0 in an order of its own, so a window holding both falls back to the
 * kernel. When more than half of a window changed since the previous step (a step close
 * to the range), the window is copied and sorted afresh instead, with the kernel's sort.
 *
 * Contract as SlidingExtremum's: `reset()` at every new series, `value(w, params)` per
 * non-empty step window with samples moving forward in time (a window that goes back
 * falls back to the kernel and restarts). Buffers come from the query's pool; `close()`
 * releases them.
 */
import type { RangeWindow } from '../kernels/types.ts';
import { quantileOverTime } from '../kernels/over-time.ts';
import { quantileOfSorted, sortNaNFirst } from '../kernels/quantile.ts';
import type { BufferPool } from './pool.ts';
import type { SlidingKernel } from './operators/range-function.ts';
import { WindowProgress } from './window-progress.ts';

const INITIAL_CAPACITY = 64;

export class SlidingQuantile implements SlidingKernel {
  /** The window's values: `sorted[0, size)`, the first `nanCount` of them NaN. */
  private sorted: Float64Array;
  private size = 0;
  private nanCount = 0;
  private positiveZeros = 0;
  private negativeZeros = 0;
  /** The window's samples in time order: queue[head, tail) (times and values). */
  private queueT: Float64Array;
  private queueV: Float64Array;
  private head = 0;
  private tail = 0;
  private readonly progress = new WindowProgress();
  private closed = false;

  constructor(private readonly pool: BufferPool) {
    this.sorted = pool.acquireFloat64(INITIAL_CAPACITY, 'sliding quantile window');
    this.queueT = pool.acquireFloat64(INITIAL_CAPACITY, 'sliding quantile window');
    this.queueV = pool.acquireFloat64(INITIAL_CAPACITY, 'sliding quantile window');
  }

  reset(): void {
    this.size = 0;
    this.nanCount = 0;
    this.positiveZeros = 0;
    this.negativeZeros = 0;
    this.head = 0;
    this.tail = 0;
    this.progress.reset();
  }

  value(w: RangeWindow, params: readonly number[], known = -1): number | undefined {
    const { t, v, lo, hi } = w;
    if (hi <= lo) return undefined;
    const start = t[lo];
    let i = this.progress.advance(t, lo, hi, known);
    if (i < 0) {
      this.reset();
      return quantileOverTime(w, params);
    }
    let leaving = this.head;
    while (leaving < this.tail && this.queueT[leaving] < start) leaving++;
    // When most of the window changed (a step close to the range), sorting it afresh is
    // cheaper than moving every sample in and out one by one.
    if ((leaving - this.head + hi - i) * 2 > hi - lo) return this.rebuild(w, params[0]);
    while (this.head < leaving) this.remove(this.queueV[this.head++]);
    for (; i < hi; i++) this.add(t[i], v[i]);
    if (this.positiveZeros > 0 && this.negativeZeros > 0) return quantileOverTime(w, params);
    return quantileOfSorted(params[0], this.sorted, this.size);
  }

  /** Refills the state from the window and sorts it as the kernel does (so ties, ±0 included, come out in the kernel's order). */
  private rebuild(w: RangeWindow, q: number): number {
    const { t, v, lo, hi } = w;
    const n = hi - lo;
    let cap = this.sorted.length;
    while (cap < n) cap *= 2;
    if (cap !== this.sorted.length) {
      this.sorted = this.pool.moveFloat64(this.sorted, 0, 0, cap, 'sliding quantile window');
      this.queueT = this.pool.moveFloat64(this.queueT, 0, 0, cap, 'sliding quantile window');
      this.queueV = this.pool.moveFloat64(this.queueV, 0, 0, cap, 'sliding quantile window');
    }
    const qT = this.queueT;
    const qV = this.queueV;
    const a = this.sorted;
    this.head = 0;
    this.tail = n;
    this.size = n;
    let nans = 0;
    let positiveZeros = 0;
    let negativeZeros = 0;
    for (let k = 0; k < n; k++) {
      const x = v[lo + k];
      qT[k] = t[lo + k];
      qV[k] = x;
      a[k] = x;
      if (x !== x) nans++;
      else if (x === 0) {
        if (Object.is(x, -0)) negativeZeros++;
        else positiveZeros++;
      }
    }
    this.nanCount = nans;
    this.positiveZeros = positiveZeros;
    this.negativeZeros = negativeZeros;
    sortNaNFirst(a, n);
    return quantileOfSorted(q, a, n);
  }

  private add(time: number, x: number): void {
    if (this.tail === this.queueT.length) {
      if (this.head > 0) {
        this.queueT.copyWithin(0, this.head, this.tail);
        this.queueV.copyWithin(0, this.head, this.tail);
        this.tail -= this.head;
        this.head = 0;
      } else {
        this.queueT = this.pool.moveFloat64(this.queueT, 0, this.tail, this.queueT.length * 2, 'sliding quantile window');
        this.queueV = this.pool.moveFloat64(this.queueV, 0, this.tail, this.queueV.length * 2, 'sliding quantile window');
      }
    }
    this.queueT[this.tail] = time;
    this.queueV[this.tail++] = x;
    if (this.size === this.sorted.length) this.sorted = this.pool.moveFloat64(this.sorted, 0, this.size, this.sorted.length * 2, 'sliding quantile window');
    const a = this.sorted;
    let at: number;
    if (x !== x) {
      at = 0;
      this.nanCount++;
    } else {
      // After every value not greater than x: equal values stay in arrival order.
      let l = this.nanCount;
      let r = this.size;
      while (l < r) {
        const m = (l + r) >>> 1;
        if (a[m] > x) r = m;
        else l = m + 1;
      }
      at = l;
      if (x === 0) {
        if (Object.is(x, -0)) this.negativeZeros++;
        else this.positiveZeros++;
      }
    }
    a.copyWithin(at + 1, at, this.size);
    a[at] = x;
    this.size++;
  }

  private remove(x: number): void {
    const a = this.sorted;
    let at: number;
    if (x !== x) {
      at = 0;
      this.nanCount--;
    } else {
      let l = this.nanCount;
      let r = this.size;
      while (l < r) {
        const m = (l + r) >>> 1;
        if (a[m] < x) l = m + 1;
        else r = m;
      }
      at = l;
      if (x === 0) {
        // Remove a zero of the same sign (0 and −0 compare equal but are different values).
        while (!Object.is(a[at], x)) at++;
        if (Object.is(x, -0)) this.negativeZeros--;
        else this.positiveZeros--;
      }
    }
    a.copyWithin(at, at + 1, this.size);
    this.size--;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pool.releaseFloat64(this.sorted);
    this.pool.releaseFloat64(this.queueT);
    this.pool.releaseFloat64(this.queueV);
  }
}
