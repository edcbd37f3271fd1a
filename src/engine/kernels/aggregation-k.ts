/**
 * Selection aggregations `topk`, `bottomk`, `limitk` for one group at one step, with the
 * exact heap discipline of Go's container/heap as promql/engine.go `aggregationK` uses
 * it, so ties and NaNs come out in Prometheus's order. Shared by both evaluators; these
 * aggregations need every input of a step at once (the streaming evaluator buffers them).
 */

/** Which selection to make. */
export type KSelectOp = 'topk' | 'bottomk' | 'limitk';

/**
 * A reusable heap over (series index, value) pairs for one group and one step.
 * `begin(k)`, then `offer` every present input in input order, then `result()`.
 */
export class KSelector {
  private idx: number[] = [];
  private val: number[] = [];
  private k = 0;

  constructor(readonly op: KSelectOp) {}

  /** Starts a step with limit `k` (already truncated to an integer ≥ 1). */
  begin(k: number): void {
    this.idx.length = 0;
    this.val.length = 0;
    this.k = k;
  }

  get size(): number {
    return this.idx.length;
  }

  /** True once `limitk` holds k elements (later offers cannot change its result). */
  get full(): boolean {
    return this.idx.length >= this.k;
  }

  /**
   * Offers one input sample. Returns the series index the offer leaves out of the
   * selection: the offered one when it is rejected, the one it replaces, or -1 when the
   * selection only grew (a series left out never comes back within a step).
   */
  offer(seriesIndex: number, v: number): number {
    const n = this.idx.length;
    if (n < this.k) {
      this.push(seriesIndex, v);
      return -1;
    }
    if (this.op === 'limitk') return seriesIndex;
    const top = this.val[0];
    const replace = this.op === 'topk'
      ? top < v || (Number.isNaN(top) && !Number.isNaN(v))
      : top > v || (Number.isNaN(top) && !Number.isNaN(v));
    if (!replace) return seriesIndex;
    const out = this.idx[0];
    this.idx[0] = seriesIndex;
    this.val[0] = v;
    if (this.k > 1) this.fix(0);
    return out;
  }

  /**
   * The selected series indexes in Prometheus's output order: topk descending, bottomk
   * ascending (both with NaN last), limitk in heap order.
   */
  result(): number[] {
    const n = this.idx.length;
    if (this.op !== 'limitk' && n > 1) {
      // sort.Sort(sort.Reverse(heap)): for the sizes seen here Go's pdqsort is an
      // insertion sort, which is stable; we always use it.
      for (let i = 1; i < n; i++) {
        for (let j = i; j > 0 && this.less(j - 1, j); j--) this.swap(j, j - 1);
      }
    }
    return this.idx.slice();
  }

  /** Heap order: topk keeps the smallest on top (vectorByValueHeap), bottomk the largest. */
  private less(i: number, j: number): boolean {
    const vi = this.val[i];
    const vj = this.val[j];
    if (Number.isNaN(vi)) return true;
    return this.op === 'bottomk' ? vi > vj : vi < vj;
  }

  private swap(i: number, j: number): void {
    const ti = this.idx[i];
    this.idx[i] = this.idx[j];
    this.idx[j] = ti;
    const tv = this.val[i];
    this.val[i] = this.val[j];
    this.val[j] = tv;
  }

  private push(seriesIndex: number, v: number): void {
    this.idx.push(seriesIndex);
    this.val.push(v);
    this.up(this.idx.length - 1);
  }

  private up(j: number): void {
    for (;;) {
      const i = (j - 1) >> 1;
      if (i === j || j <= 0 || !this.less(j, i)) break;
      this.swap(i, j);
      j = i;
    }
  }

  private down(i0: number, n: number): boolean {
    let i = i0;
    for (;;) {
      const j1 = 2 * i + 1;
      if (j1 >= n) break;
      let j = j1;
      const j2 = j1 + 1;
      if (j2 < n && this.less(j2, j1)) j = j2;
      if (!this.less(j, i)) break;
      this.swap(i, j);
      i = j;
    }
    return i > i0;
  }

  private fix(i: number): void {
    if (!this.down(i, this.idx.length)) this.up(i);
  }
}
