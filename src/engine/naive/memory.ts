/**
 * Memory and sample accounting of the naive evaluator: every buffer a node holds is
 * charged to the query's MemoryTracker (typed arrays at their byte size, label sets at
 * BYTES.labelPair per pair, a fixed header per series) and every sample held to the
 * sample counters, and released when the node's parent drops the value.
 */
import type { EvalContext } from '../eval-context.ts';
import type { Labels } from '../model/labels.ts';
import { BYTES } from '../model/memory-tracker.ts';
import { PromQLError } from '../model/errors.ts';
import type { MSeries, NScalar, NSeries, NValue } from './values.ts';
import { countPresent } from './values.ts';

/** Prometheus's error for exceeding --query.max-samples. */
export function tooManySamplesError(): PromQLError {
  return new PromQLError('limit', 'too_many_samples', 'query processing would load too many samples into memory in query execution');
}

/** Bytes of a step series with `n` steps and the given labels. */
export function stepSeriesBytes(n: number, labels: Labels): number {
  return n * (BYTES.float64 + BYTES.uint8) + labels.length * BYTES.labelPair + BYTES.seriesHeader;
}

/** Bytes of `count` decoded samples (time + value) of one series. */
export function sampleSeriesBytes(count: number, labels: Labels): number {
  return count * 2 * BYTES.float64 + labels.length * BYTES.labelPair + BYTES.seriesHeader;
}

/** Charges and releases on behalf of one query. */
export class Accounting {
  /** The most bytes held since the innermost running node started (for explain rows). */
  nodePeak = 0;

  constructor(private readonly ctx: EvalContext) {}

  acquire(bytes: number, what: string): void {
    const t = this.ctx.tracker;
    t.acquire(bytes, what);
    if (t.current > this.nodePeak) this.nodePeak = t.current;
  }

  release(bytes: number): void {
    this.ctx.tracker.release(bytes);
  }

  /** Adds held samples, failing past ctx.maxSamples. */
  holdSamples(n: number): void {
    const c = this.ctx.counters;
    c.currentSamples += n;
    if (c.currentSamples > c.peakSamples) c.peakSamples = c.currentSamples;
    if (c.currentSamples > this.ctx.maxSamples) throw tooManySamplesError();
  }

  dropSamples(n: number): void {
    this.ctx.counters.currentSamples -= n;
  }

  /** Records samples decoded from storage. */
  decoded(n: number): void {
    this.ctx.counters.samplesDecoded += n;
  }

  /** A new all-absent step series, charged. Call {@link sealSeries} once filled. */
  newSeries(labels: Labels, dropName: boolean, n: number, what: string): NSeries {
    const bytes = stepSeriesBytes(n, labels);
    this.acquire(bytes, what);
    return { labels, values: new Float64Array(n), present: new Uint8Array(n), dropName, bytes, samples: 0 };
  }

  /** Counts a filled series' points as held samples. */
  sealSeries(s: NSeries): void {
    const n = countPresent(s.present);
    this.holdSamples(n - s.samples);
    s.samples = n;
  }

  releaseSeries(s: NSeries | MSeries): void {
    this.release(s.bytes);
    this.dropSamples(s.samples);
    s.bytes = 0;
    s.samples = 0;
  }

  newScalar(n: number, what: string): NScalar {
    const bytes = n * BYTES.float64;
    this.acquire(bytes, what);
    this.holdSamples(n);
    return { kind: 'scalar', values: new Float64Array(n), bytes };
  }

  /**
   * A range-vector series over the given sample columns, charged. `countSamples` false
   * for the input of a range function: Prometheus counts only the window it holds at a
   * time (see range-call.ts), not the whole span. `st`: the samples' start timestamps
   * (aligned with `t`), charged too.
   */
  newSampleSeries(labels: Labels, t: Float64Array, v: Float64Array, dropName: boolean, what: string, countSamples = true, st: Float64Array | null = null): MSeries {
    const bytes = sampleSeriesBytes(t.length, labels) + (st !== null ? st.length * BYTES.float64 : 0);
    this.acquire(bytes, what);
    const samples = countSamples ? t.length : 0;
    this.holdSamples(samples);
    return { labels, t, v, st, dropName, bytes, samples };
  }

  /** Releases everything a value holds. */
  releaseValue(v: NValue): void {
    switch (v.kind) {
      case 'vector':
        for (const s of v.series) this.releaseSeries(s);
        break;
      case 'matrix':
        for (const s of v.series) this.releaseSeries(s);
        break;
      case 'scalar':
        if (v.bytes === 0) break;
        this.release(v.bytes);
        this.dropSamples(v.values.length);
        v.bytes = 0;
        break;
      case 'string':
        break;
    }
  }
}
