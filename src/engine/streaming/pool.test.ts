import { describe, expect, it } from 'vitest';
import { MemoryTracker } from '../model/memory-tracker.ts';
import { BufferPool, RELEASED_FLOAT_SENTINEL, RELEASED_MASK_SENTINEL } from './pool.ts';

describe('BufferPool', () => {
  it('hands out exact-length views of power-of-two buffers and charges their capacity', () => {
    const tracker = new MemoryTracker();
    const pool = new BufferPool(tracker, true);
    const a = pool.acquireFloat64(100, 'test');
    expect(a.length).toBe(100);
    expect(a.buffer.byteLength).toBe(128 * 8);
    expect(tracker.current).toBe(128 * 8);
    const m = pool.acquireUint8(5, 'test');
    expect(m.buffer.byteLength).toBe(8);
    expect(tracker.current).toBe(128 * 8 + 8);
    pool.releaseFloat64(a);
    pool.releaseUint8(m);
    expect(tracker.current).toBe(0);
    expect(tracker.peak).toBe(128 * 8 + 8);
    pool.assertBalanced();
  });

  it('reuses released buffers and zeroes masks on reuse', () => {
    const pool = new BufferPool(new MemoryTracker(), true);
    const m = pool.acquireUint8(3, 'test');
    m[1] = 1;
    const buf = m.buffer;
    pool.releaseUint8(m);
    const again = pool.acquireUint8(4, 'test');
    expect(again.buffer).toBe(buf);
    expect(Array.from(again)).toEqual([0, 0, 0, 0]);
    pool.releaseUint8(again);
  });

  it('scrambles released buffers in debug mode so a use after release is visible', () => {
    const pool = new BufferPool(new MemoryTracker(), true);
    const d = pool.acquireStepData(4, 'test');
    d.values.fill(1);
    d.present.fill(1);
    pool.releaseStepData(d);
    expect(d.values[0]).toBe(RELEASED_FLOAT_SENTINEL);
    expect(d.present[0]).toBe(RELEASED_MASK_SENTINEL);
  });

  it('rejects double releases and reports leaks', () => {
    const pool = new BufferPool(new MemoryTracker(), true);
    const a = pool.acquireFloat64(2, 'test');
    pool.releaseFloat64(a);
    expect(() => pool.releaseFloat64(a)).toThrow(RangeError);
    pool.acquireFloat64(2, 'leaked');
    expect(() => pool.assertBalanced()).toThrow(/leaked 1 pooled buffer/);
  });

  it('enforces the memory limit through the tracker', () => {
    const pool = new BufferPool(new MemoryTracker(1000), true);
    expect(() => pool.acquireFloat64(200, 'too big')).toThrow(/more than 1000 bytes/);
    pool.assertBalanced();
  });
});
