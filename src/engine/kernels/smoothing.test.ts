import { describe, expect, it } from 'vitest';
import { PromQLError } from '../model/errors.ts';
import { doubleExponentialSmoothing, validateDoubleExponentialSmoothing } from './smoothing.ts';
import { loadSeries, windowAt } from './window-fixture.ts';

// Cases transcribed from functions.test ("Tests for double_exponential_smoothing").
describe('double_exponential_smoothing', () => {
  const at8000 = (notation: string) =>
    doubleExponentialSmoothing(windowAt(loadSeries(10_000, notation), 8000_000, 60_000), [0.01, 0.1]);

  it('positive trends', () => {
    expect(at8000('0+10x1000 100+30x1000')).toBeCloseTo(8000, 6);
    expect(at8000('0+20x1000 200+30x1000')).toBeCloseTo(16000, 6);
    expect(at8000('0+30x1000 300+80x1000')).toBeCloseTo(24000, 6);
    expect(at8000('0+40x2000')).toBeCloseTo(32000, 6);
  });

  it('negative trends', () => {
    // promqltest compares 0 exactly (almost.Equal is strict at zero).
    expect(at8000('8000-10x1000')).toBe(0);
    expect(at8000('0-20x1000')).toBeCloseTo(-16000, 6);
    expect(at8000('0+30x1000 300-80x1000')).toBeCloseTo(24000, 6);
    expect(at8000('0-40x1000 0+40x1000')).toBeCloseTo(-32000, 6);
  });

  it('hand-computed three samples', () => {
    // v = 1, 3, 4; sf = 0.5, tf = 0.5.
    // s1=1, b=2. i=1: x=1.5, b stays 2, y=0.5·(1+2)=1.5 → s0=1, s1=3.
    // i=2: x=2, b=0.5·(3−1)+0.5·2=2, y=0.5·(3+2)=2.5 → s1=4.5.
    const w = { t: Float64Array.of(1, 2, 3), v: Float64Array.of(1, 3, 4), lo: 0, hi: 3, rangeStartMs: 0, rangeEndMs: 3, evalMs: 3 };
    expect(doubleExponentialSmoothing(w, [0.5, 0.5])).toBe(4.5);
    expect(doubleExponentialSmoothing({ ...w, hi: 1 }, [0.5, 0.5])).toBeUndefined();
  });

  it('validates the factors with Prometheus messages', () => {
    expect(() => validateDoubleExponentialSmoothing(1, 0.5)).toThrow('invalid smoothing factor. Expected: 0 < sf < 1, got: 1.000000');
    expect(() => validateDoubleExponentialSmoothing(0.5, 0)).toThrow('invalid trend factor. Expected: 0 < tf < 1, got: 0.000000');
    expect(() => validateDoubleExponentialSmoothing(-0.25, 0.5)).toThrow('got: -0.250000');
    expect(() => validateDoubleExponentialSmoothing(0.5, 0.5)).not.toThrow();
    expect(() => validateDoubleExponentialSmoothing(NaN, NaN)).not.toThrow();
    try {
      validateDoubleExponentialSmoothing(2, 0.5);
    } catch (e) {
      expect(e).toBeInstanceOf(PromQLError);
      expect((e as PromQLError).kind).toBe('eval');
    }
  });

  it('the kernel validates for any non-empty window, even a single sample', () => {
    const w = { t: Float64Array.of(1), v: Float64Array.of(1), lo: 0, hi: 1, rangeStartMs: 0, rangeEndMs: 3, evalMs: 3 };
    expect(() => doubleExponentialSmoothing(w, [1, 0.5])).toThrow(PromQLError);
    expect(doubleExponentialSmoothing({ ...w, hi: 0 }, [1, 0.5])).toBeUndefined();
  });
});
