/**
 * Power-of-two buffer pools for one query (mirrors Mimir's types/pool.go with
 * limiter.MemoryConsumptionTracker): step arrays (Float64Array), presence masks
 * (Uint8Array) and ring/sliding buffers. Every acquire charges capacity × element size
 * to the query's MemoryTracker; every release gives it back. Buffers handed out are
 * exact-length views (`subarray`) of a power-of-two backing buffer, so a release finds
 * its size class from `view.buffer.byteLength`.
 *
 * Debug mode (tests): released buffers are filled with a sentinel (a signalling value for
 * floats, 0xA5 for masks) so a use-after-release shows up as wrong values; double
 * releases and releases of foreign buffers throw RangeError, and {@link BufferPool.assertBalanced}
 * throws when a query ends with buffers not returned.
 */
import { BYTES, type MemoryTracker } from '../model/memory-tracker.ts';
import type { Labels } from '../model/labels.ts';
import type { StepData } from './operator.ts';

/** Written into released Float64 buffers in debug mode. */
export const RELEASED_FLOAT_SENTINEL = -1.2345678901234567e300;
/** Written into released Uint8 buffers in debug mode (truthy, so a stale mask looks "present"). */
export const RELEASED_MASK_SENTINEL = 0xa5;

const debugDefault = (): boolean => {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env !== undefined && (env.VITEST !== undefined || env.PROMQL_STREAMING_DEBUG === '1');
};

/** Module-wide switch for pool debug checks; on by default under vitest or PROMQL_STREAMING_DEBUG=1. */
export const poolDebug = { enabled: debugDefault() };

function capacityFor(n: number): number {
  let c = 1;
  while (c < n) c *= 2;
  return c;
}

/** One query's pools. Not thread-safe (the engine is synchronous). */
export class BufferPool {
  private readonly freeF64 = new Map<number, ArrayBuffer[]>();
  private readonly freeU8 = new Map<number, ArrayBuffer[]>();
  /** Backing buffers currently handed out (debug mode only). */
  private readonly outstanding = new Set<ArrayBuffer>();
  private readonly debug: boolean;
  /** Buffers currently handed out, for the balance check. */
  outstandingCount = 0;
  /** Float64 elements (values, window samples) held now and at most: the query's "samples held". */
  floatsHeld = 0;
  peakFloatsHeld = 0;

  constructor(private readonly tracker: MemoryTracker, debug: boolean = poolDebug.enabled) {
    this.debug = debug;
  }

  /** A Float64Array of exactly `n` elements (contents undefined). */
  acquireFloat64(n: number, what: string): Float64Array {
    const cap = capacityFor(n);
    const bytes = cap * BYTES.float64;
    this.tracker.acquire(bytes, what);
    const buf = this.freeF64.get(cap)?.pop() ?? new ArrayBuffer(bytes);
    this.handOut(buf);
    this.floatsHeld += cap;
    if (this.floatsHeld > this.peakFloatsHeld) this.peakFloatsHeld = this.floatsHeld;
    return new Float64Array(buf, 0, n);
  }

  /** A Uint8Array of exactly `n` elements, zero-filled. */
  acquireUint8(n: number, what: string): Uint8Array {
    const cap = capacityFor(n);
    this.tracker.acquire(cap * BYTES.uint8, what);
    const reused = this.freeU8.get(cap)?.pop();
    const buf = reused ?? new ArrayBuffer(cap);
    this.handOut(buf);
    const view = new Uint8Array(buf, 0, n);
    if (reused !== undefined) view.fill(0);
    return view;
  }

  releaseFloat64(a: Float64Array): void {
    const buf = a.buffer as ArrayBuffer;
    this.takeBack(buf);
    if (this.debug) new Float64Array(buf).fill(RELEASED_FLOAT_SENTINEL);
    this.tracker.release(buf.byteLength);
    this.floatsHeld -= buf.byteLength / BYTES.float64;
    pushFree(this.freeF64, buf.byteLength / BYTES.float64, buf);
  }

  releaseUint8(a: Uint8Array): void {
    const buf = a.buffer as ArrayBuffer;
    this.takeBack(buf);
    if (this.debug) new Uint8Array(buf).fill(RELEASED_MASK_SENTINEL);
    this.tracker.release(buf.byteLength);
    pushFree(this.freeU8, buf.byteLength, buf);
  }

  /**
   * Moves `a[from, to)` to the start of a new buffer of `capacity` elements and releases
   * `a` (growing a sliding buffer, a queue or a window).
   */
  moveFloat64(a: Float64Array, from: number, to: number, capacity: number, what: string): Float64Array {
    const moved = this.acquireFloat64(capacity, what);
    moved.set(a.subarray(from, to));
    this.releaseFloat64(a);
    return moved;
  }

  /** {@link moveFloat64} for presence masks and flags. */
  moveUint8(a: Uint8Array, from: number, to: number, capacity: number, what: string): Uint8Array {
    const moved = this.acquireUint8(capacity, what);
    moved.set(a.subarray(from, to));
    this.releaseUint8(a);
    return moved;
  }

  /** Values + zeroed presence mask for `n` steps. */
  acquireStepData(n: number, what: string): StepData {
    return { values: this.acquireFloat64(n, what), present: this.acquireUint8(n, what) };
  }

  releaseStepData(d: StepData): void {
    this.releaseFloat64(d.values);
    this.releaseUint8(d.present);
  }

  /** Charges the estimated size of label sets held (BYTES.labelPair per pair + a header each). */
  chargeLabels(sets: readonly Labels[], what: string): number {
    let bytes = 0;
    for (let i = 0; i < sets.length; i++) bytes += BYTES.seriesHeader + sets[i].length * BYTES.labelPair;
    this.tracker.acquire(bytes, what);
    return bytes;
  }

  /** Charges `bytes` held outside the pool (e.g. a shared kernel's accumulator). */
  charge(bytes: number, what: string): number {
    this.tracker.acquire(bytes, what);
    return bytes;
  }

  /** Releases a charge made by {@link chargeLabels} or {@link charge}. */
  releaseCharge(bytes: number): void {
    this.tracker.release(bytes);
  }

  /** Throws RangeError when buffers handed out were not returned (debug mode: always checked by index.ts). */
  assertBalanced(): void {
    if (this.outstandingCount !== 0) {
      throw new RangeError(`streaming evaluator leaked ${this.outstandingCount} pooled buffer(s)`);
    }
  }

  private handOut(buf: ArrayBuffer): void {
    this.outstandingCount++;
    if (this.debug) this.outstanding.add(buf);
  }

  private takeBack(buf: ArrayBuffer): void {
    if (this.debug) {
      if (!this.outstanding.has(buf)) throw new RangeError('pooled buffer released twice or not from this pool');
      this.outstanding.delete(buf);
    }
    this.outstandingCount--;
  }
}

function pushFree(map: Map<number, ArrayBuffer[]>, cap: number, buf: ArrayBuffer): void {
  const list = map.get(cap);
  if (list) list.push(buf);
  else map.set(cap, [buf]);
}
