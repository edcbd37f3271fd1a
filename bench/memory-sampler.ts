/**
 * Measures a query's peak memory from inside the process that runs it.
 *
 * The engine is synchronous, so no timer can fire while a query runs; the samples have to
 * be taken from code the query itself calls. Two kinds of call sites are used:
 *  - the query's MemoryTracker: `acquire` and `release` are wrapped on the prototype, so
 *    every buffer either evaluator charges (decoded samples, step arrays, pools,
 *    accumulators) triggers a sample. Sampling at `release` sees the heap just before a
 *    buffer is dropped, which is where peaks sit;
 *  - the storage: `decode` and `iterator` are wrapped, so data read outside a tracked
 *    charge is still seen.
 * A sample is `process.memoryUsage()` heapUsed + arrayBuffers (typed-array backing stores
 * live outside the JS heap, so heapUsed alone would miss most of the data). Sampling costs
 * about 3 µs, so samples closer than `minIntervalMs` apart are skipped; the run with the
 * sampler installed is never the one that is timed.
 *
 * What the numbers mean: the JS heap only shrinks when the GC runs, so a plain sample is
 * live data plus garbage not yet collected. That "gross" figure mostly measures allocation
 * rate (a streaming evaluator that decodes one series at a time into fresh arrays leaves a
 * trail of garbage as large as the naive evaluator's whole working set), so it is reported
 * but not used for the comparison. `gcEveryMs` > 0 instead forces a full GC before each
 * sample — at most that often, and at every new high-water mark of tracked bytes, so the
 * moments the tracker calls peaks are always measured — which gives the bytes actually
 * live at those points: the harness's measuredPeakBytes. It is a lower bound of the true
 * live peak (an untracked peak between two forced GCs can be missed). Both figures have
 * the idle baseline (dataset loaded, after GC) subtracted.
 */
import { MemoryTracker, type SeriesStore } from '../src/engine/index.ts';

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * A full collection that also frees typed-array backing stores. One `gc()` call marks dead
 * ArrayBuffers but leaves many of their backing stores counted in `arrayBuffers` (measured
 * here: 355 of 416 MB of dropped Float64Arrays were still counted after one call, 0 after
 * two), so a single call would inflate baselines and samples alike.
 */
export function requireGc(): () => void {
  const collect = gc;
  if (!collect) throw new Error('run with node --expose-gc');
  return () => {
    collect();
    collect();
  };
}

export function heapNow(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export class MemorySampler {
  peak = 0;
  samples = 0;
  private last = -Infinity;
  private lastGc = -Infinity;
  private trackedMark = 0;
  private restore: (() => void) | null = null;

  constructor(
    private readonly minIntervalMs: number,
    private readonly gcEveryMs: number,
  ) {}

  /**
   * Takes a sample unless one was taken less than the interval ago. `trackedBytes` is the
   * tracker's current charge at a tracker call site: in GC mode a new tracked high-water
   * mark (5% above the last one sampled) also forces a GC'd sample, so the moments the
   * tracker calls peaks are always measured, besides the time-based ones.
   */
  sample(force = false, trackedBytes = -1): void {
    const now = performance.now();
    if (this.gcEveryMs > 0) {
      const trackedPeak = trackedBytes > this.trackedMark * 1.05;
      if (!force && !trackedPeak && now - this.lastGc < this.gcEveryMs) return;
      if (trackedPeak) this.trackedMark = trackedBytes;
      requireGc()();
      this.lastGc = performance.now();
    } else if (!force && now - this.last < this.minIntervalMs) return;
    this.last = now;
    this.samples++;
    const h = heapNow();
    if (h > this.peak) this.peak = h;
  }

  /** Wraps MemoryTracker.prototype.acquire/release so tracked charges take samples. */
  install(): void {
    const proto = MemoryTracker.prototype;
    const acquire = proto.acquire;
    const release = proto.release;
    const sampler = this;
    proto.acquire = function (this: MemoryTracker, bytes: number, what: string): void {
      acquire.call(this, bytes, what);
      sampler.sample(false, this.current);
    };
    proto.release = function (this: MemoryTracker, bytes: number): void {
      sampler.sample(false, this.current);
      release.call(this, bytes);
    };
    this.restore = () => {
      proto.acquire = acquire;
      proto.release = release;
    };
  }

  uninstall(): void {
    this.restore?.();
    this.restore = null;
  }

  /**
   * Makes `store.decode` and `store.iterator` take samples, by shadowing them with own
   * properties on this instance (the store keeps its class, so nothing that checks its type
   * changes). Returns the function that removes them.
   */
  hookStore(store: SeriesStore): () => void {
    const sampler = this;
    const target = store as { decode: SeriesStore['decode']; iterator: SeriesStore['iterator'] };
    const decode = store.decode;
    const iterator = store.iterator;
    target.decode = function (this: SeriesStore, id, minT, maxT) {
      const d = decode.call(this, id, minT, maxT);
      sampler.sample();
      return d;
    };
    target.iterator = function (this: SeriesStore, id) {
      sampler.sample();
      return iterator.call(this, id);
    };
    return () => {
      delete (target as Partial<typeof target>).decode;
      delete (target as Partial<typeof target>).iterator;
    };
  }
}
