/**
 * `rate` / `increase` over sliding windows: the reset correction without rescanning.
 *
 * The kernel (kernels/rate.ts, mirroring extrapolatedRate) walks every window to add the
 * value before each counter reset (a sample lower than the one before it). Consecutive
 * steps share most of their samples (a 5m window at a 15 s scrape and step holds 20, and
 * each sample is in 20 windows), so this keeps the times of the samples that end a reset
 * pair in a queue instead: each sample is compared once per series. A window whose queue
 * is empty has no reset, so its increase is exactly `last − first`, what the kernel's loop
 * leaves it at when it adds nothing; only windows with a reset run the kernel's loop (in
 * its order, so the float sum is the kernel's). Results are bit-identical to the kernel.
 *
 * Contract as SlidingExtremum's: `reset()` at every new series, `value(w)` per non-empty
 * step window with samples moving forward in time; a window that goes back in time, or
 * one carrying start timestamps (`w.st`, whose resets the kernel decides), falls back to
 * the kernel and restarts the queue. Buffers come from the query's pool; `close()`
 * releases them.
 */
import type { RangeWindow } from '../kernels/types.ts';
import { extrapolatedRate, extrapolateIncrease } from '../kernels/rate.ts';
import type { BufferPool } from './pool.ts';
import type { SlidingKernel } from './operators/range-function.ts';
import { WindowProgress } from './window-progress.ts';

const INITIAL_CAPACITY = 32;

export class SlidingRate implements SlidingKernel {
  /** Times of the samples lower than their predecessor, oldest first: queue[head, tail). */
  private queue: Float64Array;
  private head = 0;
  private tail = 0;
  private readonly progress = new WindowProgress();
  private closed = false;

  constructor(
    private readonly pool: BufferPool,
    /** true: rate (per second); false: increase. */
    private readonly isRate: boolean,
  ) {
    this.queue = pool.acquireFloat64(INITIAL_CAPACITY, 'sliding rate reset queue');
  }

  reset(): void {
    this.head = 0;
    this.tail = 0;
    this.progress.reset();
  }

  value(w: RangeWindow, _params?: readonly number[], known = -1): number | undefined {
    const { t, v, lo, hi } = w;
    if (hi <= lo) return undefined;
    const start = t[lo];
    const fresh = w.st !== null && w.st !== undefined ? -1 : this.progress.advance(t, lo, hi, known);
    if (fresh < 0) {
      this.reset();
      return extrapolatedRate(w, true, this.isRate);
    }
    // Compare each new sample with its predecessor; a pair reaching back before the window
    // start is in no later window either (window starts only move forward).
    for (let i = fresh > lo ? fresh : lo + 1; i < hi; i++) if (v[i] < v[i - 1]) this.push(t[i]);
    // A pair ending at sample k lies in the window when k > lo, i.e. when t[k] > t[lo].
    const queue = this.queue;
    let head = this.head;
    while (head < this.tail && queue[head] <= start) head++;
    this.head = head;
    if (head !== this.tail) return extrapolatedRate(w, true, this.isRate);
    return extrapolateIncrease(w, v[hi - 1] - v[lo], true, this.isRate);
  }

  private push(time: number): void {
    let tail = this.tail;
    if (tail === this.queue.length) {
      if (this.head > 0) {
        this.queue.copyWithin(0, this.head, tail);
        tail -= this.head;
        this.head = 0;
      } else {
        this.queue = this.pool.moveFloat64(this.queue, 0, tail, tail * 2, 'sliding rate reset queue');
      }
    }
    this.queue[tail] = time;
    this.tail = tail + 1;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pool.releaseFloat64(this.queue);
  }
}
