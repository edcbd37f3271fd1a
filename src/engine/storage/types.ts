/**
 * The storage contract both evaluators read through. Implemented by storage/storage.ts
 * (compressed chunks + inverted index). Times are integer ms.
 */
import type { Labels } from '../model/labels.ts';
import type { Matcher } from '../model/matcher.ts';

/** A series id: dense, 0-based, stable for the life of a Storage. */
export type SeriesId = number;

/**
 * Samples of one series decoded into columns, ascending by time. `stale[i]` is 1 when
 * sample i is a staleness marker (its `v` is then NaN and meaningless); `stale` is null
 * when the decoded span holds no marker, so the common case needs no check.
 * `st[i]` is sample i's start timestamp in ms (`@st` data; NaN when that sample has
 * none); `st` is null or absent when no sample of the span has one.
 */
export interface DecodedSamples {
  readonly t: Float64Array;
  readonly v: Float64Array;
  readonly stale: Uint8Array | null;
  readonly st?: Float64Array | null;
}

/**
 * A forward cursor over one series' samples, decoding chunk by chunk on demand.
 * Usage: `if (it.seek(t)) do { use(it.t, it.v, it.stale) } while (it.next())`.
 * The fields are valid only after `seek`/`next` returned true.
 */
export interface SampleIterator {
  /** Moves to the first sample with time ≥ tMs (never backwards). False when none is left. */
  seek(tMs: number): boolean;
  /** Moves to the next sample. False at the end. */
  next(): boolean;
  readonly t: number;
  readonly v: number;
  readonly stale: boolean;
  /** The sample's start timestamp in ms, NaN when it has none (optional for other stores). */
  readonly st?: number;
  /**
   * Optional bulk read (a store may omit it; callers then fall back to `next`): from the
   * current sample on (valid: the last `seek`/`next` returned true), consumes every sample
   * with t ≤ maxTMs, copying the non-stale ones to `outT`/`outV` (and their start
   * timestamps, NaN = none, to `outST` when given) at `offset`, `offset + 1`, … . Stops
   * before a non-stale sample that would be written at index `limit`, so the caller can
   * make room and call again. Afterwards the iterator is on the first sample not consumed
   * (fields valid) and the result is true, or it is exhausted and the result is false.
   * The counts of that call are left in `filled`, `consumed` and `filledWithST`.
   */
  fillUntil?(
    maxTMs: number,
    outT: Float64Array,
    outV: Float64Array,
    outST: Float64Array | null,
    offset: number,
    limit: number,
  ): boolean;
  /** After `fillUntil`: samples written, samples consumed (markers included), written samples with a start timestamp. */
  readonly filled?: number;
  readonly consumed?: number;
  readonly filledWithST?: number;
}

export interface SeriesStore {
  /**
   * Ids of the series that all matchers accept (an absent label matches as ''), in
   * ascending label order (Prometheus `labels.Compare`). Uses the inverted index; never
   * scans every series when an equality or prefix matcher can narrow the set.
   */
  select(matchers: readonly Matcher[]): SeriesId[];
  labels(id: SeriesId): Labels;
  /** Decodes the samples with minT ≤ t ≤ maxT (inclusive both ends; callers apply left-open windows). */
  decode(id: SeriesId, minTMs: number, maxTMs: number): DecodedSamples;
  /** Number of samples with minT ≤ t ≤ maxT, from chunk headers where possible (for stats and budgets). */
  countSamples(id: SeriesId, minTMs: number, maxTMs: number): number;
  iterator(id: SeriesId): SampleIterator;
  readonly seriesCount: number;
  readonly sampleCount: number;
  /** Bytes of encoded chunk data (for bytes/sample reports). */
  readonly chunkBytes: number;
  readonly minTimeMs: number;
  readonly maxTimeMs: number;
  metricNames(): string[];
  labelNames(): string[];
  labelValues(name: string): string[];
}
