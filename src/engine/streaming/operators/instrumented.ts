/**
 * Explain rows for the streaming plan (DESIGN.md §4 stats): one row per planned AST node
 * in ctx.nodes (pre-order, with depth), filled while the pipeline runs. The wrappers add
 * the time spent inside the wrapped operator's calls (inclusive of its inputs, which it
 * pulls from inside those calls, as the naive rows include their children), the
 * samples decoded meanwhile, its output series, and the most tracked bytes above what
 * was held when it was first called. Range-vector and string operators get a row marked
 * untimed (their per-step calls are too hot to time); their time shows in the calling
 * function's row.
 */
import type { NodeStats } from '../../model/stats.ts';
import type { InstantVectorOperator, ScalarOperator, SeriesMeta, StepData } from '../operator.ts';
import type { StepGrid } from '../step-grid.ts';
import type { StreamingContext } from '../streaming-context.ts';

const perf = (globalThis as { performance?: { now(): number } }).performance;
function now(): number {
  return perf ? perf.now() : Date.now();
}

/** The mutable row behind one operator. */
export class OperatorRow {
  timeMs = 0;
  seriesOut = 0;
  samplesDecoded = 0;
  private base = -1;
  peakBytes = 0;
  private timed = true;

  constructor(private readonly sc: StreamingContext, private readonly index: number, private readonly label: string, private readonly depth: number) {
    sc.ctx.nodes.push(this.snapshot());
  }

  private started = 0;
  private decodedAtStart = 0;

  /** Starts timing one call of the operator. */
  enter(): void {
    const tracker = this.sc.ctx.tracker;
    if (this.base < 0) this.base = tracker.current;
    this.started = now();
    this.decodedAtStart = this.sc.ctx.counters.samplesDecoded;
  }

  /** Ends timing one call (also after an exception). */
  leave(): void {
    this.timeMs += now() - this.started;
    this.samplesDecoded += this.sc.ctx.counters.samplesDecoded - this.decodedAtStart;
    const held = this.sc.ctx.tracker.current - this.base;
    if (held > this.peakBytes) this.peakBytes = held;
  }

  /** Marks the row as not timed on its own (see the file comment). */
  markUntimed(): void {
    this.timed = false;
    this.publish();
  }

  /** Writes the row into ctx.nodes (on close). */
  publish(): void {
    this.sc.ctx.nodes[this.index] = this.snapshot();
  }

  private snapshot(): NodeStats {
    return { label: this.label, depth: this.depth, timeMs: this.timeMs, seriesOut: this.seriesOut, samplesDecoded: this.samplesDecoded, peakBytes: this.peakBytes, timed: this.timed };
  }
}

export class InstrumentedVectorOperator implements InstantVectorOperator {
  readonly kind = 'vector' as const;
  readonly grid: StepGrid;
  constructor(private readonly inner: InstantVectorOperator, private readonly row: OperatorRow) {
    this.grid = inner.grid;
    if (inner.skipSeries) this.skipSeries = () => (inner.skipSeries as () => void).call(inner);
  }

  skipSeries?: () => void;

  seriesMetadata(): SeriesMeta[] {
    this.row.enter();
    try {
      const m = this.inner.seriesMetadata();
      this.row.seriesOut = m.length;
      return m;
    } finally {
      this.row.leave();
    }
  }

  nextSeries(): StepData {
    this.row.enter();
    try {
      return this.inner.nextSeries();
    } finally {
      this.row.leave();
    }
  }

  close(): void {
    this.inner.close();
    this.row.publish();
  }
}

export class InstrumentedScalarOperator implements ScalarOperator {
  readonly kind = 'scalar' as const;
  readonly grid: StepGrid;
  constructor(private readonly inner: ScalarOperator, private readonly row: OperatorRow) {
    this.grid = inner.grid;
  }

  values(): Float64Array {
    this.row.seriesOut = 1;
    this.row.enter();
    try {
      return this.inner.values();
    } finally {
      this.row.leave();
    }
  }

  close(): void {
    this.inner.close();
    this.row.publish();
  }
}
