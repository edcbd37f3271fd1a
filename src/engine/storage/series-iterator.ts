/**
 * A {@link SampleIterator} over one series' chunks that decodes one chunk at a time into
 * its own small buffers (≈2 KiB, not charged to any query's memory tracker), skipping
 * whole chunks by their max time on `seek` without decoding them.
 */
import type { SampleIterator } from './types.ts';
import { lowerBoundTime } from './chunk-search.ts';
import type { ChunkTable } from './chunk-table.ts';
import { SAMPLES_PER_CHUNK } from './xor-chunk.ts';

export class ChunkSeriesIterator implements SampleIterator {
  t = NaN;
  v = NaN;
  stale = false;
  /** Start timestamp of the current sample in ms, NaN when it has none. */
  st = NaN;
  private readonly table: ChunkTable;
  /** The series' chunks are table chunks [firstChunk, endChunk). */
  private readonly firstChunk: number;
  private readonly endChunk: number;
  /** Table index of the decoded chunk, or -1 before the first move. */
  private chunkIdx = -1;
  private pos = 0;
  private len = 0;
  /** The decoded current chunk (capacity: the largest chunk). */
  private readonly bufT: Float64Array;
  private readonly bufV: Float64Array;
  private readonly bufStale: Uint8Array;
  /** Whether the current chunk has staleness markers (else bufStale is not consulted). */
  private hasStale = false;
  /** The current chunk's start timestamps, or null when it has none. */
  private chunkST: Float64Array | null = null;
  private done = false;

  constructor(table: ChunkTable, firstChunk: number, endChunk: number) {
    this.table = table;
    this.firstChunk = firstChunk;
    this.endChunk = endChunk;
    let cap = SAMPLES_PER_CHUNK;
    for (let k = firstChunk; k < endChunk; k++) if (table.count[k] > cap) cap = table.count[k];
    this.bufT = new Float64Array(cap);
    this.bufV = new Float64Array(cap);
    this.bufStale = new Uint8Array(cap);
  }

  seek(tMs: number): boolean {
    if (this.done) return false;
    if (this.chunkIdx >= 0 && this.t >= tMs) return true;
    let idx = this.chunkIdx < 0 ? this.firstChunk : this.chunkIdx;
    if (this.chunkIdx < 0 || this.table.maxT[idx] < tMs) {
      idx = this.table.firstEndingAtOrAfter(tMs, idx, this.endChunk);
      if (idx >= this.endChunk) return this.finish();
      this.load(idx);
    }
    // The current chunk's maxT ≥ tMs, so a sample ≥ tMs exists in it.
    this.pos = lowerBoundTime(this.bufT, tMs, this.pos, this.len);
    this.expose();
    return true;
  }

  next(): boolean {
    if (this.done) return false;
    if (this.chunkIdx >= 0 && this.pos + 1 < this.len) {
      this.pos++;
      this.expose();
      return true;
    }
    const idx = this.chunkIdx < 0 ? this.firstChunk : this.chunkIdx + 1;
    if (idx >= this.endChunk) return this.finish();
    this.load(idx);
    this.expose();
    return true;
  }

  private load(idx: number): void {
    const hasStale = this.table.staleIndices(idx) !== null;
    if (hasStale) this.bufStale.fill(0, 0, this.table.count[idx]);
    this.len = this.table.decode(idx, this.bufT, this.bufV, hasStale ? this.bufStale : null, 0);
    this.chunkIdx = idx;
    this.pos = 0;
    this.hasStale = hasStale;
    this.chunkST = this.table.startTimestamps(idx);
  }

  private expose(): void {
    this.t = this.bufT[this.pos];
    this.v = this.bufV[this.pos];
    this.stale = this.hasStale && this.bufStale[this.pos] === 1;
    this.st = this.chunkST === null ? NaN : this.chunkST[this.pos];
  }

  private finish(): boolean {
    this.done = true;
    this.t = NaN;
    this.v = NaN;
    this.stale = false;
    this.st = NaN;
    return false;
  }
}
