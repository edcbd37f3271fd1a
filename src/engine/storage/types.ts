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
}

/**
 * Whole-chunk reads of one series at a time (storage/chunk-reader.ts). Usage: `reset(id)`,
 * then while `!done`: look at `nextMinT`/`nextCount`, `skipEndingAtOrBefore(t)` or
 * `decodeNext(…)`. Chunks come in time order and do not overlap.
 */
export interface ChunkReader {
  /** Moves to the first chunk of series `id`. */
  reset(id: SeriesId): void;
  /** No chunk of the series is left. */
  readonly done: boolean;
  /** Time of the next chunk's first sample (a staleness marker counts); only when !done. */
  readonly nextMinT: number;
  /** Samples in the next chunk, markers included (the room `decodeNext` may need); only when !done. */
  readonly nextCount: number;
  /** Passes, without decoding, the chunks whose samples all lie at or before tMs. */
  skipEndingAtOrBefore(tMs: number): void;
  /**
   * Decodes the next chunk's samples except staleness markers into `outT`/`outV` (and
   * their start timestamps, NaN = none, into `outST` when given) from index `at`, and moves
   * past it. With `outStale`, markers are kept (value NaN) and flagged there with 1 (0 for
   * the other samples). The arrays need room for `nextCount` samples from `at`. Returns
   * how many samples were written.
   */
  decodeNext(outT: Float64Array, outV: Float64Array, outST: Float64Array | null, at: number, outStale?: Uint8Array | null): number;
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
  /** A reader for whole-chunk reads, reusable across series (each `reset(id)` starts one). */
  chunkReader(): ChunkReader;
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
