/**
 * The bookkeeping the sliding kernels (sliding-extremum.ts, sliding-rate.ts,
 * sliding-quantile.ts) share: whether one series' windows keep moving forward in time, and
 * where each window's samples that no earlier window had begin. Sample times within a
 * series strictly increase, so "new" means later than the last sample seen.
 */
export class WindowProgress {
  /** Time of the last sample of the previous window (−∞ before the first of a series). */
  private lastT = -Infinity;
  /** Time of the previous window's first sample. */
  private lastStart = -Infinity;

  /** Forgets the previous series. */
  reset(): void {
    this.lastT = -Infinity;
    this.lastStart = -Infinity;
  }

  /**
   * For the non-empty window `t[lo, hi)`: the index of its first sample later than every
   * sample of the earlier windows (`hi` when there is none), or -1 when the window starts
   * or ends before the previous one did; the caller then answers with the kernel and calls
   * reset(). `known` ≥ 0 is that index as the caller already knows it (window batches,
   * whose windows only move forward), returned as is: give it for every window of a series
   * or for none.
   */
  advance(t: Float64Array, lo: number, hi: number, known: number): number {
    if (known >= 0) return known;
    if (t[hi - 1] < this.lastT || t[lo] < this.lastStart) return -1;
    this.lastStart = t[lo];
    const lastT = this.lastT;
    let i = hi;
    while (i > lo && t[i - 1] > lastT) i--;
    this.lastT = t[hi - 1];
    return i;
  }
}
