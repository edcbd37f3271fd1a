/**
 * MatrixSelector operator (mirrors Mimir's operators/selectors RangeVectorSelector with
 * its FPoint ring buffer, and Prometheus's matrixIterSlice, promql/engine.go).
 *
 * Contract: seriesMetadata() selects series ids without decoding. nextSeries() starts a
 * storage iterator for the next series; each nextStepWindow(step, w) then slides a
 * pooled buffer forward to the left-open window `(evalT − range, evalT]` (stale markers
 * skipped): samples at or before the window start are dropped from the front (two
 * indices; at the buffer's end the window is compacted to the front, or the buffer doubled
 * when the window fills more than a quarter of it, so each sample is copied O(1) times), new samples are decoded
 * into the tail. The whole series is never held, only one window plus slack. `w.t`/`w.v`
 * point into the operator's buffer and are valid until the next call.
 * `evalT = stepTime − offset`, or `@ − offset` for every step.
 *
 * With the experimental `anchored` modifier the buffered data reaches one lookback delta
 * before the window (`(start − δ, end]`), with `smoothed` also one after it
 * (`(start − δ, end + δ]`); `w.rangeStartMs`/`w.rangeEndMs` stay the real bounds, as the
 * extended kernels (kernels/extended-range.ts) expect.
 */
import type { MatrixSelector } from '../../parser/ast.ts';
import type { RangeWindow } from '../../kernels/types.ts';
import type { SampleIterator, SeriesId } from '../../storage/types.ts';
import type { RangeVectorOperator, SeriesMeta } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';

/** One buffer per operator, reused for every series: a few KiB, so compaction is rare. */
const INITIAL_CAPACITY = 256;

export class MatrixSelectorOperator implements RangeVectorOperator {
  readonly kind = 'matrix' as const;
  readonly rangeMs: number;
  private ids: SeriesId[] = [];
  private next = 0;
  private it: SampleIterator | null = null;
  private has = false;
  private t: Float64Array | null = null;
  private v: Float64Array | null = null;
  private lo = 0;
  private hi = 0;
  private labelsCharge = 0;
  /** How far the buffered data reaches before the window start and after its end (ms). */
  private readonly before: number;
  private readonly after: number;
  /** The experimental modifier in effect, if any. */
  readonly extension: 'anchored' | 'smoothed' | null;
  /** Carry the samples' start timestamps (`w.st`, NaN = none) for rate/irate/increase/resets. */
  withStartTimestamps = false;
  private s: Float64Array | null = null;
  /** Buffered samples (lo..hi) that have a start timestamp: without any, `w.st` is null (the kernels' fast path). */
  private withST = 0;

  constructor(
    private readonly sc: StreamingContext,
    readonly grid: StepGrid,
    private readonly node: MatrixSelector,
  ) {
    this.rangeMs = node.rangeMs;
    const vs = node.vectorSelector;
    const lookback = sc.ctx.lookbackDeltaMs;
    this.before = vs.anchored || vs.smoothed ? lookback : 0;
    this.after = vs.smoothed ? lookback : 0;
    this.extension = vs.smoothed ? 'smoothed' : vs.anchored ? 'anchored' : null;
    this.atMs = vs.timestampMs ?? NaN;
    this.offsetMs = vs.offsetMs;
    this.gridStartMs = grid.startMs;
    this.gridStepMs = grid.stepMs;
  }

  // The window arithmetic's inputs as plain fields of this class (read per step; not
  // through the per-query AST and grid objects).
  private readonly atMs: number;
  private readonly offsetMs: number;
  private readonly gridStartMs: number;
  private readonly gridStepMs: number;

  seriesMetadata(): SeriesMeta[] {
    const storage = this.sc.ctx.storage;
    this.ids = storage.select(this.node.vectorSelector.matchers);
    const out: SeriesMeta[] = new Array(this.ids.length);
    for (let i = 0; i < this.ids.length; i++) out[i] = { labels: storage.labels(this.ids[i]), dropName: false };
    this.labelsCharge = this.sc.pool.chargeLabels(out.map((m) => m.labels), 'series labels of a matrix selector');
    return out;
  }

  /** The evaluation time (window end) of a step. */
  windowEnd(step: number): number {
    return (this.atMs === this.atMs ? this.atMs : this.gridStartMs + step * this.gridStepMs) - this.offsetMs;
  }

  nextSeries(): void {
    if (this.next >= this.ids.length) throw new RangeError('MatrixSelectorOperator: no more series');
    const id = this.ids[this.next++];
    if (this.t === null) {
      this.t = this.sc.pool.acquireFloat64(INITIAL_CAPACITY, 'matrix selector window buffer');
      this.v = this.sc.pool.acquireFloat64(INITIAL_CAPACITY, 'matrix selector window buffer');
      if (this.withStartTimestamps) this.s = this.sc.pool.acquireFloat64(INITIAL_CAPACITY, 'matrix selector start timestamps');
    }
    this.lo = 0;
    this.withST = 0;
    this.hi = 0;
    this.it = this.sc.ctx.storage.iterator(id);
    this.has = this.grid.stepCount > 0 && this.it.seek(this.windowEnd(0) - this.rangeMs - this.before + 1);
  }

  nextStepWindow(step: number, w: RangeWindow): void {
    const end = this.windowEnd(step);
    const start = end - this.rangeMs;
    const dataStart = start - this.before;
    const dataEnd = end + this.after;
    let t = this.t as Float64Array;
    let v = this.v as Float64Array;
    let s = this.s;
    let lo = this.lo;
    let hi = this.hi;
    if (s !== null) {
      while (lo < hi && t[lo] <= dataStart) {
        if (s[lo] === s[lo]) this.withST--;
        lo++;
      }
    } else while (lo < hi && t[lo] <= dataStart) lo++;
    if (lo === hi) {
      lo = 0;
      hi = 0;
    }
    const it = this.it as SampleIterator;
    // Samples before the window start that the iterator has not passed yet (a step
    // larger than the range leaves gaps): skip them without buffering.
    let decoded = 0;
    let has = this.has;
    while (has && it.t <= dataStart) {
      decoded++;
      has = it.next();
    }
    if (has && it.fillUntil !== undefined) {
      // Chunk-at-a-time: the iterator copies whole runs into the buffer; it returns
      // with room exhausted (make room as below, then continue) or past dataEnd.
      while (has && it.t <= dataEnd) {
        if (hi === t.length && it.stale !== true) {
          hi = this.makeRoom(lo, hi);
          lo = 0;
          t = this.t as Float64Array;
          v = this.v as Float64Array;
          s = this.s;
        }
        has = it.fillUntil(dataEnd, t, v, s, hi, t.length);
        hi += it.filled as number;
        decoded += it.consumed as number;
        if (s !== null) this.withST += it.filledWithST as number;
      }
    }
    while (has) {
      const sampleT = it.t;
      if (sampleT > dataEnd) break;
      decoded++;
      if (!it.stale) {
        if (hi === t.length) {
          hi = this.makeRoom(lo, hi);
          lo = 0;
          t = this.t as Float64Array;
          v = this.v as Float64Array;
          s = this.s;
        }
        t[hi] = sampleT;
        v[hi] = it.v;
        if (s !== null) {
          const st = it.st;
          const x = st === undefined ? NaN : st;
          s[hi] = x;
          if (x === x) this.withST++;
        }
        hi++;
      }
      has = it.next();
    }
    this.has = has;
    this.sc.ctx.counters.samplesDecoded += decoded;
    this.lo = lo;
    this.hi = hi;
    w.t = t;
    w.v = v;
    w.st = this.withST > 0 ? s : null;
    w.lo = lo;
    w.hi = hi;
    w.rangeStartMs = start;
    w.rangeEndMs = end;
    w.evalMs = this.gridStartMs + step * this.gridStepMs;
  }

  /** A buffer twice as large holding `a[lo, hi)` at its start. */
  /**
   * Frees the buffers' tail when the window `[lo, hi)` reaches their end: compacts the
   * window to the front when it fills at most a quarter of the buffer, else grows the
   * buffers (a window close to the capacity would be copied every few samples).
   * Returns the window's new end; its start is then 0. Callers re-read `t`, `v`, `s`.
   */
  private makeRoom(lo: number, hi: number): number {
    const t = this.t as Float64Array;
    if ((hi - lo) * 4 <= t.length) {
      t.copyWithin(0, lo, hi);
      (this.v as Float64Array).copyWithin(0, lo, hi);
      if (this.s !== null) this.s.copyWithin(0, lo, hi);
    } else {
      this.t = this.grow(t, lo, hi);
      this.v = this.grow(this.v as Float64Array, lo, hi);
      if (this.s !== null) this.s = this.grow(this.s, lo, hi);
    }
    return hi - lo;
  }

  private grow(a: Float64Array, lo: number, hi: number): Float64Array {
    const bigger = this.sc.pool.acquireFloat64(a.length * 2, 'matrix selector window buffer');
    bigger.set(a.subarray(lo, hi));
    this.sc.pool.releaseFloat64(a);
    return bigger;
  }

  close(): void {
    if (this.t !== null) {
      this.sc.pool.releaseFloat64(this.t);
      this.sc.pool.releaseFloat64(this.v as Float64Array);
      this.t = null;
      this.v = null;
    }
    if (this.s !== null) {
      this.sc.pool.releaseFloat64(this.s);
      this.s = null;
    }
    if (this.labelsCharge !== 0) {
      this.sc.pool.releaseCharge(this.labelsCharge);
      this.labelsCharge = 0;
    }
  }
}
