import { PromQLError } from './errors.ts';

/** Bytes charged per element of common buffers, so both evaluators count alike. */
export const BYTES = {
  float64: 8,
  uint8: 1,
  /** Rough cost of one label pair (two strings and the pair object), used for label sets. */
  labelPair: 64,
  /** Rough fixed cost of a series object with its arrays' headers. */
  seriesHeader: 96,
} as const;

/** A point of the memory timeline: tracked bytes after an acquire/release. */
export interface MemoryPoint {
  /** Milliseconds since the tracker was created (performance.now based). */
  readonly elapsedMs: number;
  readonly bytes: number;
}

/**
 * Tracks the bytes one query holds, for both evaluators. Every buffer the query holds
 * (decoded samples, step arrays, presence masks, ring buffers, accumulators, label sets)
 * is charged on acquire and released on free. Records the current and peak bytes and a
 * timeline (thinned to at most ~2 points per millisecond plus every new peak).
 *
 * Throws PromQLError(kind 'limit', code 'memory_limit') from `acquire` when the charge
 * would pass `limitBytes`.
 */
export class MemoryTracker {
  current = 0;
  peak = 0;
  readonly timeline: MemoryPoint[] = [];
  private readonly startedAt: number;
  private lastPointAt = -1;

  constructor(readonly limitBytes: number = Infinity, private readonly now: () => number = defaultNow) {
    this.startedAt = now();
    this.timeline.push({ elapsedMs: 0, bytes: 0 });
  }

  /** Charges `bytes` held for `what` (e.g. "decoded samples of http_requests_total"). */
  acquire(bytes: number, what: string): void {
    const next = this.current + bytes;
    if (next > this.limitBytes) {
      throw new PromQLError(
        'limit',
        'memory_limit',
        `query would use more than ${this.limitBytes} bytes of tracked memory (${what} needs ${bytes} more, ${this.current} already held)`,
      );
    }
    this.current = next;
    const isPeak = next > this.peak;
    if (isPeak) this.peak = next;
    this.record(isPeak);
  }

  release(bytes: number): void {
    this.current -= bytes;
    if (this.current < 0) throw new RangeError(`memory tracker went negative: ${this.current} after releasing ${bytes}`);
    this.record(false);
  }

  private record(force: boolean): void {
    const t = this.now() - this.startedAt;
    if (force || t - this.lastPointAt >= 0.5) {
      this.timeline.push({ elapsedMs: t, bytes: this.current });
      this.lastPointAt = t;
    }
  }
}

/** `performance.now()` exists in Node, browsers and workers, but the engine compiles without DOM types. */
const perf = (globalThis as { performance?: { now(): number } }).performance;

function defaultNow(): number {
  return perf ? perf.now() : Date.now();
}
