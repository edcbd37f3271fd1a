/**
 * Every chunk of a sealed Storage in one table: the chunk bodies concatenated in one
 * byte arena, the chunk headers in typed-array columns, and per series the index of its
 * first chunk. This keeps the heap cost per chunk at ~24 bytes of columns instead of
 * three JS objects (chunk, Uint8Array, ArrayBuffer: ~300 bytes), which for 15 s data is
 * the difference between ~2 and ~5 bytes per sample of real memory.
 *
 * Chunk k of the table: body `data[offset[k], offset[k+1])`, `count[k]` samples,
 * times `minT[k]…maxT[k]`; series s owns chunks `first[s] … first[s+1]-1`, ascending
 * in time and non-overlapping. Chunks with start timestamps keep them uncompressed
 * beside the arena (see xor-chunk.ts), looked up by chunk index.
 */
import { decodeXor, type XorChunk } from './xor-chunk.ts';

export class ChunkTable {
  readonly data: Uint8Array;
  /**
   * Uint32, not Float64: offsets then reach the decoder as small integers, the type its
   * warm-up optimizes for (a double start deoptimized it at the first real chunk). An
   * arena of 4 GiB or more is refused.
   */
  readonly offset: Uint32Array;
  readonly minT: Float64Array;
  readonly maxT: Float64Array;
  readonly count: Uint32Array;
  /** Series s owns chunks first[s] … first[s+1]-1. */
  readonly first: Uint32Array;
  /** Stale-marker indices of the chunks that have any, by chunk index. */
  private readonly stale: Map<number, Uint16Array>;
  /** Start timestamps of the chunks that have any, by chunk index (NaN = none). */
  private readonly st: Map<number, Float64Array>;
  /**
   * Encoded bytes: bodies + 2-byte count headers + 2 bytes per stale-marker index +
   * 8 bytes per sample of chunks with start timestamps.
   */
  readonly sizeBytes: number;

  /** Packs the chunk lists of all series (series id = position) into one table. */
  constructor(seriesChunks: readonly (readonly XorChunk[])[]) {
    let chunks = 0;
    let bytes = 0;
    for (const cs of seriesChunks) {
      chunks += cs.length;
      for (const c of cs) bytes += c.bytes.length;
    }
    if (bytes > 0xffffffff) throw new RangeError(`chunk arena of ${bytes} bytes: at most 4 GiB allowed`);
    this.data = new Uint8Array(bytes);
    this.offset = new Uint32Array(chunks + 1);
    this.minT = new Float64Array(chunks);
    this.maxT = new Float64Array(chunks);
    this.count = new Uint32Array(chunks);
    this.first = new Uint32Array(seriesChunks.length + 1);
    this.stale = new Map();
    this.st = new Map();
    let k = 0;
    let at = 0;
    let staleBytes = 0;
    let stBytes = 0;
    for (let s = 0; s < seriesChunks.length; s++) {
      this.first[s] = k;
      for (const c of seriesChunks[s]) {
        if (c.count > 0xffff) throw new RangeError(`chunk of ${c.count} samples: at most 65535 allowed`);
        this.data.set(c.bytes, at);
        this.offset[k] = at;
        at += c.bytes.length;
        this.minT[k] = c.minT;
        this.maxT[k] = c.maxT;
        this.count[k] = c.count;
        if (c.staleIndices !== null) {
          this.stale.set(k, c.staleIndices);
          staleBytes += c.staleIndices.length * 2;
        }
        if (c.st) {
          if (c.st.length !== c.count) throw new RangeError(`chunk of ${c.count} samples has ${c.st.length} start timestamps`);
          this.st.set(k, c.st);
          stBytes += c.st.length * 8;
        }
        k++;
      }
    }
    this.first[seriesChunks.length] = k;
    this.offset[k] = at;
    this.sizeBytes = bytes + 2 * chunks + staleBytes + stBytes;
  }

  /** Number of chunks in the table. */
  get length(): number {
    return this.count.length;
  }

  /** Stale-marker indices of chunk k, or null. */
  staleIndices(k: number): Uint16Array | null {
    return this.stale.size === 0 ? null : (this.stale.get(k) ?? null);
  }

  /** True when some chunk of the table has start timestamps. */
  get hasStartTimestamps(): boolean {
    return this.st.size > 0;
  }

  /** Start timestamps of chunk k (one per sample, NaN = none), or null when it has none. */
  startTimestamps(k: number): Float64Array | null {
    return this.st.size === 0 ? null : (this.st.get(k) ?? null);
  }

  /**
   * Writes chunk k's start timestamps to `out` at `at` (NaN for every sample when the
   * chunk has none); returns its sample count.
   */
  decodeStartTimestamps(k: number, out: Float64Array, at: number): number {
    const n = this.count[k];
    const st = this.startTimestamps(k);
    if (st === null) out.fill(NaN, at, at + n);
    else out.set(st, at);
    return n;
  }

  /** Decodes chunk k into the outputs at `at` (see decodeXorChunk); returns its sample count. */
  decode(k: number, outT: Float64Array, outV: Float64Array, outStale: Uint8Array | null, at: number): number {
    return decodeXor(this.data, this.offset[k], this.offset[k + 1], this.count[k], this.staleIndices(k), outT, outV, outStale, at);
  }

  /** The first chunk in [from, to) with maxT ≥ tMs, or `to`. */
  firstEndingAtOrAfter(tMs: number, from: number, to: number): number {
    const maxT = this.maxT;
    let lo = from;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (maxT[mid] < tMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Chunk k as a standalone {@link XorChunk} (a view into the arena), for tests and diagnostics. */
  chunk(k: number): XorChunk {
    return {
      bytes: this.data.subarray(this.offset[k], this.offset[k + 1]),
      count: this.count[k],
      minT: this.minT[k],
      maxT: this.maxT[k],
      staleIndices: this.staleIndices(k),
      st: this.startTimestamps(k),
    };
  }
}
