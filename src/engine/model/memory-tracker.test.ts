import { describe, expect, it } from 'vitest';
import { MemoryTracker } from './memory-tracker.ts';
import { PromQLError } from './errors.ts';

describe('MemoryTracker', () => {
  it('tracks current and peak bytes', () => {
    let now = 0;
    const m = new MemoryTracker(Infinity, () => now);
    m.acquire(100, 'a');
    now = 1;
    m.acquire(50, 'b');
    m.release(100);
    now = 2;
    m.acquire(20, 'c');
    expect(m.current).toBe(70);
    expect(m.peak).toBe(150);
    expect(m.timeline.some((p) => p.bytes === 150)).toBe(true);
  });

  it('fails with a limit error naming the limit', () => {
    const m = new MemoryTracker(1000);
    m.acquire(900, 'x');
    try {
      m.acquire(200, 'decoded samples');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PromQLError);
      expect((e as PromQLError).kind).toBe('limit');
      expect((e as PromQLError).message).toContain('1000 bytes');
    }
    expect(m.current).toBe(900);
  });

  it('refuses to go negative', () => {
    const m = new MemoryTracker();
    m.acquire(10, 'x');
    expect(() => m.release(11)).toThrow(RangeError);
  });
});
