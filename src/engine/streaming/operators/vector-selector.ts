/**
 * VectorSelector operator (mirrors Mimir's operators/selectors InstantVectorSelector and
 * Prometheus's vectorSelectorSingle, promql/engine.go).
 *
 * Contract: seriesMetadata() selects the matching series ids (sorted by labels, as the
 * storage returns them) without decoding anything. Each nextSeries() walks ONE series
 * through the steps, decoding whole chunks (markers kept) into a pooled buffer only as the
 * steps reach them; samples older than the newest one at or before the last step are
 * dropped when room is needed, and chunks that end a lookback delta or more before a step
 * are skipped undecoded. It returns a fresh pooled StepData the caller owns; the buffer
 * is the operator's, reused for every series and released on close(). At each step the value is the newest sample
 * with `evalT − lookback < t ≤ evalT`, absent when that sample is a staleness marker.
 * `evalT = stepTime − offset`, or `@ − offset` for every step when `@` is set.
 * In `timestamp()` mode (mirrors rangeEvalTimestampFunctionOverVectorSelector) the value
 * is the sample's own time in seconds.
 */
import type { VectorSelector } from '../../parser/ast.ts';
import type { ChunkReader, SeriesId } from '../../storage/types.ts';
import type { InstantVectorOperator, SeriesMeta, StepData } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';
import { markAllDropName } from '../name-marking.ts';

/** The sample buffer's first size: two chunks. */
const INITIAL_CAPACITY = 256;

export class VectorSelectorOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  private ids: SeriesId[] = [];
  private next = 0;
  private labelsCharge = 0;
  private reader: ChunkReader | null = null;
  /** The current series' buffered samples (markers flagged in `stale`); start timestamps only in start_timestamp() mode. */
  private t: Float64Array | null = null;
  private v: Float64Array | null = null;
  private stale: Uint8Array | null = null;
  private st: Float64Array | null = null;

  constructor(
    private readonly sc: StreamingContext,
    readonly grid: StepGrid,
    private readonly node: VectorSelector,
    /** `timestamp(selector)`: emit each sample's own time (s) instead of its value, marked for name removal. */
    private readonly emitTimestamps: boolean = false,
    /** Emit each sample's own time in ms, offset applied as usual, labels unmarked (info()'s info series). */
    private readonly emitSampleTimes: boolean = false,
    /** `start_timestamp(selector)`: emit each sample's start timestamp (s; 0 when unknown), as timestamp() mode otherwise. */
    private readonly emitStartTimestamps: boolean = false,
  ) {}

  seriesMetadata(): SeriesMeta[] {
    const storage = this.sc.ctx.storage;
    this.ids = storage.select(this.node.matchers);
    const out: SeriesMeta[] = new Array(this.ids.length);
    for (let i = 0; i < this.ids.length; i++) out[i] = { labels: storage.labels(this.ids[i]), dropName: false };
    this.labelsCharge = this.sc.pool.chargeLabels(out.map((m) => m.labels), 'series labels of a vector selector');
    return this.emitTimestamps || this.emitStartTimestamps ? markAllDropName(out, this.sc.ctx.delayedNameRemoval) : out;
  }

  nextSeries(): StepData {
    if (this.next >= this.ids.length) throw new RangeError('VectorSelectorOperator: no more series');
    const id = this.ids[this.next++];
    const { grid, sc } = this;
    const n = grid.stepCount;
    const out = sc.pool.acquireStepData(n, 'vector selector step data');
    if (n === 0) return out;
    const lookback = sc.ctx.lookbackDeltaMs;
    const at = this.node.timestampMs;
    // timestamp(v @ t) looks up at exactly t, whatever the offset (engine.go,
    // rangeEvalTimestampFunctionOverVectorSelector, prometheus#8433).
    const offset = (this.emitTimestamps || this.emitStartTimestamps) && at !== null ? 0 : this.node.offsetMs;
    if (this.reader === null) {
      this.reader = sc.ctx.storage.chunkReader();
      this.t = sc.pool.acquireFloat64(INITIAL_CAPACITY, 'vector selector sample buffer');
      this.v = sc.pool.acquireFloat64(INITIAL_CAPACITY, 'vector selector sample buffer');
      this.stale = sc.pool.acquireUint8(INITIAL_CAPACITY, 'vector selector sample buffer');
      if (this.emitStartTimestamps) this.st = sc.pool.acquireFloat64(INITIAL_CAPACITY, 'vector selector start timestamps');
    }
    const reader = this.reader;
    reader.reset(id);
    const values = out.values;
    const present = out.present;
    const mode = this.emitTimestamps ? 1 : this.emitSampleTimes ? 2 : this.emitStartTimestamps ? 3 : 0;
    let ts = this.t as Float64Array;
    let end = 0;
    // The stats count the samples in (first step − lookback, last step], as the naive
    // evaluator decodes them (Prometheus's queryable samples), not whole chunks.
    const firstOldest = (at ?? grid.startMs) - offset - lookback;
    let read = 0;
    let j = -1; // index of the newest sample at or before the evaluation time
    for (let i = 0; i < n; i++) {
      const evalT = (at ?? grid.startMs + i * grid.stepMs) - offset;
      const oldest = evalT - lookback;
      if (j < 0 || ts[end - 1] <= oldest) reader.skipEndingAtOrBefore(oldest);
      while (!reader.done && reader.nextMinT <= evalT) {
        const need = reader.nextCount;
        if (end + need > ts.length) {
          // Samples before j are never needed again (steps only move forward).
          const keep = j < 0 ? 0 : j;
          end = this.makeRoom(keep, end, need);
          j -= keep;
          ts = this.t as Float64Array;
        }
        end += reader.decodeNext(ts, this.v as Float64Array, this.st, end, this.stale);
      }
      while (j + 1 < end && ts[j + 1] <= evalT) if (ts[++j] > firstOldest) read++;
      if (j < 0) continue;
      const t = ts[j];
      if (t <= oldest || (this.stale as Uint8Array)[j] === 1) continue;
      if (mode === 3) {
        // An unknown start timestamp is upstream's 0.
        const x = (this.st as Float64Array)[j];
        values[i] = (x === x ? x : 0) / 1000;
      } else values[i] = mode === 0 ? (this.v as Float64Array)[j] : mode === 1 ? t / 1000 : t;
      present[i] = 1;
    }
    sc.ctx.counters.samplesDecoded += read;
    return out;
  }

  /**
   * Makes room for `need` more samples after `[keep, end)`: moves them to the front when
   * they and the new ones fill at most half of the buffers, else to buffers at least twice
   * as large. Returns their new end.
   */
  private makeRoom(keep: number, end: number, need: number): number {
    const pool = this.sc.pool;
    const live = end - keep;
    const cap = (this.t as Float64Array).length;
    if ((live + need) * 2 <= cap) {
      (this.t as Float64Array).copyWithin(0, keep, end);
      (this.v as Float64Array).copyWithin(0, keep, end);
      (this.stale as Uint8Array).copyWithin(0, keep, end);
      if (this.st !== null) this.st.copyWithin(0, keep, end);
      return live;
    }
    let bigger = cap * 2;
    while (bigger < (live + need) * 2) bigger *= 2;
    this.t = pool.moveFloat64(this.t as Float64Array, keep, end, bigger, 'vector selector sample buffer');
    this.v = pool.moveFloat64(this.v as Float64Array, keep, end, bigger, 'vector selector sample buffer');
    this.stale = pool.moveUint8(this.stale as Uint8Array, keep, end, bigger, 'vector selector sample buffer');
    if (this.st !== null) this.st = pool.moveFloat64(this.st, keep, end, bigger, 'vector selector start timestamps');
    return live;
  }

  skipSeries(): void {
    if (this.next >= this.ids.length) throw new RangeError('VectorSelectorOperator: no more series');
    this.next++;
  }

  close(): void {
    const pool = this.sc.pool;
    if (this.t !== null) {
      pool.releaseFloat64(this.t);
      pool.releaseFloat64(this.v as Float64Array);
      pool.releaseUint8(this.stale as Uint8Array);
      if (this.st !== null) pool.releaseFloat64(this.st);
      this.t = this.v = this.st = null;
      this.stale = null;
    }
    if (this.labelsCharge !== 0) {
      this.sc.pool.releaseCharge(this.labelsCharge);
      this.labelsCharge = 0;
    }
  }
}
