/**
 * The engine's in-memory TSDB: immutable series (label sets + compressed chunks) behind
 * an inverted index. Build one with {@link StorageBuilder} (storage-builder.ts).
 */
import { compareStrings, METRIC_NAME, type Labels } from '../model/labels.ts';
import type { Matcher } from '../model/matcher.ts';
import { lowerBoundTime } from './chunk-search.ts';
import { ChunkTable } from './chunk-table.ts';
import { LabelIndex } from './label-index.ts';
import { ChunkSeriesIterator } from './series-iterator.ts';
import { SeriesChunkReader } from './chunk-reader.ts';
import type { ChunkReader, DecodedSamples, SampleIterator, SeriesId, SeriesStore } from './types.ts';
import type { XorChunk } from './xor-chunk.ts';

/** Metric metadata from `# TYPE` / `# HELP` / `# UNIT` lines, for autocomplete. */
export interface MetricMetadata {
  readonly type?: string;
  readonly help?: string;
  readonly unit?: string;
}

/** One series as handed to the Storage constructor: labels and its chunks in time order. */
export interface SealedSeries {
  readonly labels: Labels;
  readonly chunks: readonly XorChunk[];
}

const EMPTY_F64 = new Float64Array(0);

/** Scratch buffers for decoding partially covered ranges; grown on demand, reused. */
let scratchT = new Float64Array(1024);
let scratchV = new Float64Array(1024);
let scratchStale = new Uint8Array(1024);
/** Only grown when a decoded span has start timestamps. */
let scratchST = new Float64Array(0);

function ensureScratch(n: number): void {
  if (scratchT.length >= n) return;
  let size = scratchT.length;
  while (size < n) size *= 2;
  scratchT = new Float64Array(size);
  scratchV = new Float64Array(size);
  scratchStale = new Uint8Array(size);
}

function ensureScratchST(n: number): void {
  if (scratchST.length >= n) return;
  scratchST = new Float64Array(Math.max(n, scratchT.length));
}

/**
 * An immutable store of series. Series ids are positions in `labels.Compare` order, so
 * `select` returns ids in label order. All times are integer ms.
 */
export class Storage implements SeriesStore {
  readonly seriesCount: number;
  readonly sampleCount: number;
  /** Encoded bytes: chunk bodies + 2-byte count headers + stale-marker indices + start timestamps. */
  readonly chunkBytes: number;
  /** Earliest sample time; 0 when the storage is empty. */
  readonly minTimeMs: number;
  /** Latest sample time; 0 when the storage is empty. */
  readonly maxTimeMs: number;
  /** Number of chunks over all series. */
  readonly chunkCount: number;
  private readonly seriesLabels: Labels[];
  private readonly chunks: ChunkTable;
  private readonly index: LabelIndex;
  private readonly metadata: ReadonlyMap<string, MetricMetadata>;

  /**
   * @param series must be sorted by `compareLabels`, with distinct label sets and
   * non-empty chunk lists in ascending, non-overlapping time order (the builder ensures it).
   */
  constructor(series: readonly SealedSeries[], metadata: ReadonlyMap<string, MetricMetadata> = new Map()) {
    this.seriesLabels = series.map((s) => s.labels);
    this.seriesCount = series.length;
    // Packed once; the chunk objects passed in are not retained.
    const table = new ChunkTable(series.map((s) => s.chunks));
    this.chunks = table;
    let samples = 0;
    let minT = Infinity;
    let maxT = -Infinity;
    for (let k = 0; k < table.length; k++) samples += table.count[k];
    for (let id = 0; id < series.length; id++) {
      const a = table.first[id];
      const b = table.first[id + 1];
      if (a === b) continue;
      if (table.minT[a] < minT) minT = table.minT[a];
      if (table.maxT[b - 1] > maxT) maxT = table.maxT[b - 1];
    }
    this.sampleCount = samples;
    this.chunkBytes = table.sizeBytes;
    this.chunkCount = table.length;
    this.minTimeMs = samples > 0 ? minT : 0;
    this.maxTimeMs = samples > 0 ? maxT : 0;
    this.index = new LabelIndex(this.seriesLabels);
    this.metadata = metadata;
  }

  /** Encoded bytes per sample (0 for an empty storage). */
  get bytesPerSample(): number {
    return this.sampleCount === 0 ? 0 : this.chunkBytes / this.sampleCount;
  }

  select(matchers: readonly Matcher[]): SeriesId[] {
    return this.index.select(matchers);
  }

  labels(id: SeriesId): Labels {
    const ls = this.seriesLabels[id];
    if (ls === undefined) throw new RangeError(`no series with id ${id} (have ${this.seriesCount})`);
    return ls;
  }

  /** Every series' labels in id order (a copy of the array; label sets are shared). */
  allLabels(): Labels[] {
    return this.seriesLabels.slice();
  }

  decode(id: SeriesId, minTMs: number, maxTMs: number): DecodedSamples {
    const table = this.chunks;
    const [firstChunk, endChunk] = this.chunkRange(id);
    const first = table.firstEndingAtOrAfter(minTMs, firstChunk, endChunk);
    let end = first;
    let cap = 0;
    let anyStale = false;
    let anyST = false;
    while (end < endChunk && table.minT[end] <= maxTMs) {
      cap += table.count[end];
      if (table.staleIndices(end) !== null) anyStale = true;
      if (table.startTimestamps(end) !== null) anyST = true;
      end++;
    }
    if (cap === 0) return { t: EMPTY_F64, v: EMPTY_F64, stale: null, st: null };
    ensureScratch(cap);
    if (anyStale) scratchStale.fill(0, 0, cap);
    if (anyST) ensureScratchST(cap);
    let n = 0;
    for (let c = first; c < end; c++) {
      if (anyST) table.decodeStartTimestamps(c, scratchST, n);
      n += table.decode(c, scratchT, scratchV, anyStale ? scratchStale : null, n);
    }
    const lo = lowerBoundTime(scratchT, minTMs, 0, n);
    let hi = lowerBoundTime(scratchT, maxTMs, lo, n);
    if (hi < n && scratchT[hi] === maxTMs) hi++;
    let stale: Uint8Array | null = null;
    if (anyStale) {
      for (let i = lo; i < hi; i++) {
        if (scratchStale[i] === 1) {
          stale = scratchStale.slice(lo, hi);
          break;
        }
      }
    }
    let st: Float64Array | null = null;
    if (anyST) {
      for (let i = lo; i < hi; i++) {
        if (scratchST[i] === scratchST[i]) {
          st = scratchST.slice(lo, hi);
          break;
        }
      }
    }
    return { t: scratchT.slice(lo, hi), v: scratchV.slice(lo, hi), stale, st };
  }

  /** True when some sample of the storage has a start timestamp (`@st` data). */
  get hasStartTimestamps(): boolean {
    return this.chunks.hasStartTimestamps;
  }

  countSamples(id: SeriesId, minTMs: number, maxTMs: number): number {
    const table = this.chunks;
    const [firstChunk, endChunk] = this.chunkRange(id);
    let n = 0;
    for (let c = table.firstEndingAtOrAfter(minTMs, firstChunk, endChunk); c < endChunk && table.minT[c] <= maxTMs; c++) {
      if (table.minT[c] >= minTMs && table.maxT[c] <= maxTMs) {
        n += table.count[c];
        continue;
      }
      // A boundary chunk: decode it to count exactly.
      ensureScratch(table.count[c]);
      const k = table.decode(c, scratchT, scratchV, null, 0);
      for (let i = 0; i < k; i++) if (scratchT[i] >= minTMs && scratchT[i] <= maxTMs) n++;
    }
    return n;
  }

  /** Total samples of a series, from chunk headers. */
  seriesSampleCount(id: SeriesId): number {
    const [a, b] = this.chunkRange(id);
    let n = 0;
    for (let k = a; k < b; k++) n += this.chunks.count[k];
    return n;
  }

  iterator(id: SeriesId): SampleIterator {
    const [a, b] = this.chunkRange(id);
    return new ChunkSeriesIterator(this.chunks, a, b);
  }

  chunkReader(): ChunkReader {
    return new SeriesChunkReader(this.chunks);
  }

  /** The series' chunks as standalone views into the arena, for tests and diagnostics. */
  chunksOf(id: SeriesId): XorChunk[] {
    const [a, b] = this.chunkRange(id);
    const out: XorChunk[] = [];
    for (let k = a; k < b; k++) out.push(this.chunks.chunk(k));
    return out;
  }

  /** Table indices [first, end) of the series' chunks. */
  private chunkRange(id: SeriesId): [number, number] {
    if (!(id >= 0 && id < this.seriesCount)) throw new RangeError(`no series with id ${id} (have ${this.seriesCount})`);
    return [this.chunks.first[id], this.chunks.first[id + 1]];
  }

  metricNames(): string[] {
    return this.index.labelValues(METRIC_NAME);
  }

  labelNames(): string[] {
    return this.index.labelNames();
  }

  labelValues(name: string): string[] {
    return this.index.labelValues(name);
  }

  /**
   * Label names of the series the matchers select, in byte order (as the API's
   * `/api/v1/labels?match[]=…`). With no matchers, all label names.
   */
  labelNamesFor(matchers: readonly Matcher[]): string[] {
    if (matchers.length === 0) return this.labelNames();
    const names = new Set<string>();
    for (const id of this.select(matchers)) for (const l of this.seriesLabels[id]) names.add(l.name);
    return Array.from(names).sort(compareStrings);
  }

  /**
   * Values of label `name` among the series the matchers select, in byte order (as
   * `/api/v1/label/<name>/values?match[]=…`). With no matchers, all values.
   */
  labelValuesFor(name: string, matchers: readonly Matcher[]): string[] {
    if (matchers.length === 0) return this.labelValues(name);
    const values = new Set<string>();
    for (const id of this.select(matchers)) {
      const ls = this.seriesLabels[id];
      for (let i = 0; i < ls.length; i++) if (ls[i].name === name) values.add(ls[i].value);
    }
    return Array.from(values).sort(compareStrings);
  }

  /** Metadata of a metric family from `# TYPE`/`# HELP`/`# UNIT` lines, if any was loaded. */
  metricMetadata(name: string): MetricMetadata | undefined {
    return this.metadata.get(name);
  }

  /** All metric metadata, keyed by metric family name. */
  allMetricMetadata(): ReadonlyMap<string, MetricMetadata> {
    return this.metadata;
  }
}
