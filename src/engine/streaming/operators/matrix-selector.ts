/**
 * MatrixSelector operator (mirrors Mimir's operators/selectors RangeVectorSelector with
 * its FPoint ring buffer, and Prometheus's matrixIterSlice, promql/engine.go).
 *
 * Contract: seriesMetadata() selects series ids without decoding. nextSeries() moves the
 * operator's chunk reader to the next series; each nextStepWindow(step, w) then slides a
 * pooled buffer forward to the left-open window `(evalT − range, evalT]`: samples at or
 * before the window start are dropped from the front (an index), and whole chunks are
 * decoded straight into the buffer's tail (stale markers removed) while the next chunk
 * starts inside the window, so the buffer runs up to one chunk ahead of the window.
 * Chunks that end before a window are skipped undecoded (a step larger than the range
 * leaves such gaps). When the tail is reached the buffered samples are compacted to the
 * front, or the buffer doubled when they fill more than half of it, so each sample is
 * copied O(1) times. The whole series is never held, only one window plus a chunk.
 * `w.t`/`w.v` point into the operator's buffer and are valid until the next call.
 * `evalT = stepTime − offset`, or `@ − offset` for every step.
 *
 * nextWindowBatch(from) is the batch form, for the range functions' tight loops: it lays out
 * step `from`'s window as nextStepWindow does, then the following steps' windows over the
 * same buffer, decoding further chunks behind the buffered samples while they fit without
 * moving them, and stops at the first step that would need more room or more chunks.
 *
 * With the experimental `anchored` modifier the buffered data reaches one lookback delta
 * before the window (`(start − δ, end]`), with `smoothed` also one after it
 * (`(start − δ, end + δ]`); `w.rangeStartMs`/`w.rangeEndMs` stay the real bounds, as the
 * extended kernels (kernels/extended-range.ts) expect.
 */
import type { MatrixSelector } from '../../parser/ast.ts';
import type { RangeWindow } from '../../kernels/types.ts';
import type { ChunkReader, SeriesId } from '../../storage/types.ts';
import type { RangeVectorOperator, SeriesMeta } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';
import { newRangeWindow, newWindowBatch, WINDOW_BATCH_BYTES, WINDOW_BATCH_STEPS, type WindowBatch } from '../range-window.ts';

/** One buffer per operator, reused for every series: a few KiB, so compaction is rare. */
const INITIAL_CAPACITY = 1024;

export class MatrixSelectorOperator implements RangeVectorOperator {
  readonly kind = 'matrix' as const;
  readonly rangeMs: number;
  private ids: SeriesId[] = [];
  private next = 0;
  private reader: ChunkReader | null = null;
  private t: Float64Array | null = null;
  private v: Float64Array | null = null;
  /** The window is [lo, hi) of the buffers; samples decoded ahead of it run to `end`. */
  private lo = 0;
  private hi = 0;
  private end = 0;
  /** Where the last window's samples that no earlier window had begin. */
  private fresh = 0;
  private labelsCharge = 0;
  private batch: WindowBatch | null = null;
  private batchCharge = 0;
  /** The window nextWindowBatch lays out its first step in. */
  private readonly firstWindow = newRangeWindow();
  /** How far the buffered data reaches before the window start and after its end (ms). */
  private readonly before: number;
  private readonly after: number;
  /** The experimental modifier in effect, if any. */
  readonly extension: 'anchored' | 'smoothed' | null;
  /** Whether windows carry the samples' start timestamps (`w.st`, NaN = none); see carryStartTimestamps(). */
  private withStartTimestamps = false;
  private s: Float64Array | null = null;

  constructor(
    private readonly sc: StreamingContext,
    readonly grid: StepGrid,
    private readonly node: MatrixSelector,
    /** The window buffer's first size (tests make it small to exercise compaction and batch ends). */
    private readonly initialCapacity = INITIAL_CAPACITY,
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
      this.t = this.sc.pool.acquireFloat64(this.initialCapacity, 'matrix selector window buffer');
      this.v = this.sc.pool.acquireFloat64(this.initialCapacity, 'matrix selector window buffer');
      if (this.withStartTimestamps) this.s = this.sc.pool.acquireFloat64(this.initialCapacity, 'matrix selector start timestamps');
      this.reader = this.sc.ctx.storage.chunkReader();
    }
    this.lo = 0;
    this.hi = 0;
    this.end = 0;
    (this.reader as ChunkReader).reset(id);
  }

  nextStepWindow(step: number, w: RangeWindow): void {
    const windowEnd = this.windowEnd(step);
    const start = windowEnd - this.rangeMs;
    const dataStart = start - this.before;
    const dataEnd = windowEnd + this.after;
    const reader = this.reader as ChunkReader;
    let t = this.t as Float64Array;
    let lo = this.lo;
    let hi = this.hi;
    let end = this.end;
    while (lo < end && t[lo] <= dataStart) lo++;
    if (lo === end) {
      lo = 0;
      hi = 0;
      end = 0;
      reader.skipEndingAtOrBefore(dataStart);
    }
    while (!reader.done && reader.nextMinT <= dataEnd) {
      const need = reader.nextCount;
      if (end + need > t.length) {
        end = this.makeRoom(lo, end, need);
        hi = hi > lo ? hi - lo : 0;
        lo = 0;
        t = this.t as Float64Array;
      }
      end += reader.decodeNext(t, this.v as Float64Array, this.s, end);
      while (lo < end && t[lo] <= dataStart) lo++;
    }
    if (hi < lo) hi = lo;
    const entered = hi;
    while (hi < end && t[hi] <= dataEnd) hi++;
    // The stats count samples as they enter a window (Prometheus's queryable samples),
    // not the rest of a chunk decoded around them.
    if (hi !== entered) this.sc.ctx.counters.samplesDecoded += hi - entered;
    this.lo = lo;
    this.hi = hi;
    this.end = end;
    this.fresh = entered;
    w.t = t;
    w.v = this.v as Float64Array;
    w.st = this.s !== null && anyStartTimestamp(this.s, lo, hi) ? this.s : null;
    w.lo = lo;
    w.hi = hi;
    w.rangeStartMs = start;
    w.rangeEndMs = windowEnd;
    w.evalMs = this.gridStartMs + step * this.gridStepMs;
  }

  /**
   * Lays out the windows of steps `from`, `from + 1`, … while they fit the buffered data
   * (see RangeVectorOperator.nextWindowBatch). The first goes through nextStepWindow, which
   * decodes, compacts or skips chunks as needed; the batch then stops before the first
   * step that would need the next chunk or starts after the buffered data.
   */
  nextWindowBatch?: (from: number) => WindowBatch = (from) => this.windowBatch(from);

  /**
   * Carries the samples' start timestamps in the windows (for rate/irate/increase/resets);
   * call before the first series. Such windows come one step at a time: no nextWindowBatch.
   */
  carryStartTimestamps(): void {
    this.withStartTimestamps = true;
    this.nextWindowBatch = undefined;
  }

  private windowBatch(from: number): WindowBatch {
    let b = this.batch;
    if (b === null) {
      b = this.batch = newWindowBatch(this.rangeMs);
      this.batchCharge = this.sc.pool.charge(WINDOW_BATCH_BYTES, 'matrix selector window batch');
    }
    this.nextStepWindow(from, this.firstWindow);
    const t = this.t as Float64Array;
    const v = this.v as Float64Array;
    let end = this.end;
    const reader = this.reader as ChunkReader;
    const blo = b.lo;
    const bhi = b.hi;
    const bfresh = b.fresh;
    const bend = b.endMs;
    let lo = this.lo;
    let hi = this.hi;
    blo[0] = lo;
    bhi[0] = hi;
    bfresh[0] = this.fresh;
    bend[0] = this.windowEnd(from);
    const reach = this.rangeMs + this.before;
    const after = this.after;
    const last = Math.min(this.grid.stepCount, from + WINDOW_BATCH_STEPS);
    let nextMinT = reader.done ? Infinity : reader.nextMinT;
    let entered = 0;
    let step = from + 1;
    for (; step < last; step++) {
      const windowEnd = this.windowEnd(step);
      const dataStart = windowEnd - reach;
      const dataEnd = windowEnd + after;
      let l = lo;
      while (l < end && t[l] <= dataStart) l++;
      if (l === end) break;
      let h = hi > l ? hi : l;
      const fresh = h;
      while (h < end && t[h] <= dataEnd) h++;
      // The window may go on in the next chunk: decode it behind the buffered samples if it
      // fits without moving them (the batch's windows point into the buffer), else stop.
      while (h === end && nextMinT <= dataEnd && end + reader.nextCount <= t.length) {
        end += reader.decodeNext(t, v, null, end);
        nextMinT = reader.done ? Infinity : reader.nextMinT;
        while (h < end && t[h] <= dataEnd) h++;
      }
      if (h === end && nextMinT <= dataEnd) break;
      entered += h - fresh;
      lo = l;
      hi = h;
      const k = step - from;
      blo[k] = lo;
      bhi[k] = hi;
      bfresh[k] = fresh;
      bend[k] = windowEnd;
    }
    this.sc.ctx.counters.samplesDecoded += entered;
    this.lo = lo;
    this.hi = hi;
    this.end = end;
    b.t = t;
    b.v = v;
    b.from = from;
    b.to = step;
    return b;
  }

  /**
   * Makes room for `need` more samples after the buffered `[lo, end)`: compacts them to the
   * front when they and the new ones fill at most half of the buffers, else moves them to
   * buffers at least twice as large. Returns the buffered samples' new end (their start is
   * then 0). Callers re-read `t`, `v`, `s`.
   */
  private makeRoom(lo: number, end: number, need: number): number {
    const t = this.t as Float64Array;
    const live = end - lo;
    if ((live + need) * 2 <= t.length) {
      t.copyWithin(0, lo, end);
      (this.v as Float64Array).copyWithin(0, lo, end);
      if (this.s !== null) this.s.copyWithin(0, lo, end);
    } else {
      let cap = t.length * 2;
      while (cap < (live + need) * 2) cap *= 2;
      const pool = this.sc.pool;
      this.t = pool.moveFloat64(t, lo, end, cap, 'matrix selector window buffer');
      this.v = pool.moveFloat64(this.v as Float64Array, lo, end, cap, 'matrix selector window buffer');
      if (this.s !== null) this.s = pool.moveFloat64(this.s, lo, end, cap, 'matrix selector start timestamps');
    }
    return live;
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
    if (this.batchCharge !== 0) {
      this.sc.pool.releaseCharge(this.batchCharge);
      this.batchCharge = 0;
      this.batch = null;
    }
    if (this.labelsCharge !== 0) {
      this.sc.pool.releaseCharge(this.labelsCharge);
      this.labelsCharge = 0;
    }
  }
}

/** Whether a sample of `s[lo, hi)` has a start timestamp (NaN = none). */
function anyStartTimestamp(s: Float64Array, lo: number, hi: number): boolean {
  for (let i = lo; i < hi; i++) if (s[i] === s[i]) return true;
  return false;
}
