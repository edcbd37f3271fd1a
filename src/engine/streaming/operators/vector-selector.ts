/**
 * VectorSelector operator (mirrors Mimir's operators/selectors InstantVectorSelector and
 * Prometheus's vectorSelectorSingle, promql/engine.go).
 *
 * Contract: seriesMetadata() selects the matching series ids (sorted by labels, as the
 * storage returns them) without decoding anything. Each nextSeries() decodes ONE series,
 * only over `(firstEval − lookback, lastEval]` (charged while held, dropped before it
 * returns), and returns a fresh pooled StepData the caller owns. At each step the value is the newest sample
 * with `evalT − lookback < t ≤ evalT`, absent when that sample is a staleness marker.
 * `evalT = stepTime − offset`, or `@ − offset` for every step when `@` is set.
 * In `timestamp()` mode (mirrors rangeEvalTimestampFunctionOverVectorSelector) the value
 * is the sample's own time in seconds.
 */
import type { VectorSelector } from '../../parser/ast.ts';
import type { SeriesId } from '../../storage/types.ts';
import type { InstantVectorOperator, SeriesMeta, StepData } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';
import { markAllDropName } from '../name-marking.ts';

export class VectorSelectorOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  private ids: SeriesId[] = [];
  private next = 0;
  private labelsCharge = 0;

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
    const firstEval = (at ?? grid.startMs) - offset;
    const lastEval = (at ?? grid.endMs) - offset;
    // One series' samples over (firstEval − δ, lastEval], decoded in one call (chunk by
    // chunk inside the storage) and dropped when the step data is done.
    const d = sc.ctx.storage.decode(id, firstEval - lookback + 1, lastEval);
    const bytes = d.t.length * 16 + (d.stale ? d.stale.length : 0);
    sc.ctx.tracker.acquire(bytes, 'decoded samples of one series');
    const ts = d.t;
    const vs = d.v;
    const stale = d.stale;
    const len = ts.length;
    const values = out.values;
    const present = out.present;
    const mode = this.emitTimestamps ? 1 : this.emitSampleTimes ? 2 : this.emitStartTimestamps ? 3 : 0;
    const sts = d.st ?? null;
    let j = -1; // index of the newest sample at or before the evaluation time
    for (let i = 0; i < n; i++) {
      const evalT = (at ?? grid.startMs + i * grid.stepMs) - offset;
      while (j + 1 < len && ts[j + 1] <= evalT) j++;
      if (j < 0) continue;
      const t = ts[j];
      if (t <= evalT - lookback || (stale !== null && stale[j] === 1)) continue;
      if (mode === 3) {
        // An unknown start timestamp is upstream's 0.
        const x = sts === null ? NaN : sts[j];
        values[i] = (x === x ? x : 0) / 1000;
      } else values[i] = mode === 0 ? vs[j] : mode === 1 ? t / 1000 : t;
      present[i] = 1;
    }
    sc.ctx.counters.samplesDecoded += len;
    sc.ctx.tracker.release(bytes);
    return out;
  }

  skipSeries(): void {
    if (this.next >= this.ids.length) throw new RangeError('VectorSelectorOperator: no more series');
    this.next++;
  }

  close(): void {
    if (this.labelsCharge !== 0) {
      this.sc.pool.releaseCharge(this.labelsCharge);
      this.labelsCharge = 0;
    }
  }
}
