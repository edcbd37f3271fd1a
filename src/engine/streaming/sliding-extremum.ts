/**
 * `max_over_time` / `min_over_time` as a sliding window: a monotonic deque of the
 * window's candidate extremes, so each sample is pushed and popped once per series
 * instead of every window rescanning its samples (a 1 h window at a 15 s scrape holds
 * 240 samples, and consecutive steps share almost all of them).
 *
 * Results are those of the kernels maxOverTime / minOverTime (kernels/over-time.ts,
 * mirroring funcMaxOverTime): NaN values are ignored unless every value of the window is
 * NaN (then the last one is returned, as the kernel's loop ends on it), and among equal
 * values (0 and -0 included) the earliest wins, because the kernel only replaces on a
 * strict comparison. The deque therefore pops only strictly worse values from its back.
 *
 * Contract: `reset()` at every new series; `value(w)` once per step with windows whose
 * samples only move forward in time (matrix selectors and subqueries: strictly
 * increasing sample times, window starts and ends non-decreasing). A window that goes
 * back in time falls back to the kernel and restarts the deque, so a caller that breaks
 * the rule gets the same answer, only slower. Buffers come from the query's pool and are
 * released by `close()`.
 */
import type { RangeKernel, RangeWindow } from '../kernels/types.ts';
import { maxOverTime, minOverTime } from '../kernels/over-time.ts';
import type { BufferPool } from './pool.ts';
import type { SlidingKernel } from './operators/range-function.ts';
import { WindowProgress } from './window-progress.ts';

const INITIAL_CAPACITY = 64;
const NO_PARAMS: readonly number[] = [];

export class SlidingExtremum implements SlidingKernel {
  private dqT: Float64Array;
  private dqV: Float64Array;
  private head = 0;
  private tail = 0;
  private readonly progress = new WindowProgress();
  private closed = false;
  private readonly kernel: RangeKernel;

  constructor(
    private readonly pool: BufferPool,
    /** true: max_over_time; false: min_over_time. */
    private readonly max: boolean,
  ) {
    this.kernel = max ? maxOverTime : minOverTime;
    this.dqT = pool.acquireFloat64(INITIAL_CAPACITY, 'sliding max/min deque');
    this.dqV = pool.acquireFloat64(INITIAL_CAPACITY, 'sliding max/min deque');
  }

  /** Forgets the previous series. */
  reset(): void {
    this.head = 0;
    this.tail = 0;
    this.progress.reset();
  }

  /** The window's max (min), or undefined when it is empty. */
  value(w: RangeWindow, _params?: readonly number[], known = -1): number | undefined {
    const { t, v, lo, hi } = w;
    if (hi <= lo) return undefined;
    const start = t[lo];
    const fresh = this.progress.advance(t, lo, hi, known);
    if (fresh < 0) {
      this.reset();
      return this.kernel(w, NO_PARAMS);
    }
    for (let i = fresh; i < hi; i++) this.push(t[i], v[i]);
    const dqT = this.dqT;
    let head = this.head;
    while (head < this.tail && dqT[head] < start) head++;
    this.head = head;
    // Every value of the window is NaN: the kernel ends on the last one.
    if (head === this.tail) return v[hi - 1];
    return this.dqV[head];
  }

  private push(time: number, x: number): void {
    if (x !== x) return;
    const dqV = this.dqV;
    let tail = this.tail;
    if (this.max) while (tail > this.head && dqV[tail - 1] < x) tail--;
    else while (tail > this.head && dqV[tail - 1] > x) tail--;
    if (tail === this.dqT.length) {
      if (this.head > 0) {
        this.dqT.copyWithin(0, this.head, tail);
        this.dqV.copyWithin(0, this.head, tail);
        tail -= this.head;
        this.head = 0;
      } else {
        this.dqT = this.pool.moveFloat64(this.dqT, 0, tail, tail * 2, 'sliding max/min deque');
        this.dqV = this.pool.moveFloat64(this.dqV, 0, tail, tail * 2, 'sliding max/min deque');
      }
    }
    this.dqT[tail] = time;
    this.dqV[tail] = x;
    this.tail = tail + 1;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pool.releaseFloat64(this.dqT);
    this.pool.releaseFloat64(this.dqV);
  }
}
