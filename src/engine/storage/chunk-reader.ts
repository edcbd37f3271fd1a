/**
 * Whole-chunk reads of one series at a time, for callers that keep their own sliding
 * buffer (the streaming matrix selector): a chunk decodes straight into the caller's
 * arrays, with no per-sample iterator step and no copy out of an iterator's buffer, and
 * chunks that end before the data a caller still needs are skipped by their max time
 * without decoding. One reader serves many series (`reset`); it holds no sample buffers.
 */
import type { ChunkReader } from './types.ts';
import type { ChunkTable } from './chunk-table.ts';

export class SeriesChunkReader implements ChunkReader {
  /** Table index of the next chunk to decode; the series' chunks end before `end`. */
  private k = 0;
  private end = 0;

  constructor(private readonly table: ChunkTable) {}

  reset(id: number): void {
    const first = this.table.first;
    if (!(id >= 0 && id < first.length - 1)) throw new RangeError(`no series with id ${id} (have ${first.length - 1})`);
    this.k = first[id];
    this.end = first[id + 1];
  }

  get done(): boolean {
    return this.k >= this.end;
  }

  get nextMinT(): number {
    return this.table.minT[this.k];
  }

  get nextCount(): number {
    return this.table.count[this.k];
  }

  skipEndingAtOrBefore(tMs: number): void {
    const table = this.table;
    if (this.k < this.end && table.maxT[this.k] <= tMs) this.k = table.firstEndingAtOrAfter(tMs + 1, this.k + 1, this.end);
  }

  decodeNext(outT: Float64Array, outV: Float64Array, outST: Float64Array | null, at: number, outStale: Uint8Array | null = null): number {
    const table = this.table;
    const k = this.k++;
    const n = table.decode(k, outT, outV, null, at);
    if (outST !== null) table.decodeStartTimestamps(k, outST, at);
    const stale = table.staleIndices(k);
    if (outStale !== null) {
      outStale.fill(0, at, at + n);
      if (stale !== null) for (let m = 0; m < stale.length; m++) outStale[at + stale[m]] = 1;
      return n;
    }
    if (stale === null) return n;
    // Drop the staleness markers in place (their indices ascend).
    let w = at + stale[0];
    let m = 1;
    for (let r = w + 1; r < at + n; r++) {
      if (m < stale.length && r - at === stale[m]) {
        m++;
        continue;
      }
      outT[w] = outT[r];
      outV[w] = outV[r];
      if (outST !== null) outST[w] = outST[r];
      w++;
    }
    return w - at;
  }
}
